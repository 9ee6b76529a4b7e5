// "Use my location": fill the map point from the phone's position (the server checks
// it lies inside Taipei; without it, the address and district are used).
(function () {
  var button = document.getElementById("use-location");
  var status = document.getElementById("location-status");
  if (!button) return;
  if (!("geolocation" in navigator)) { button.hidden = true; return; }
  button.addEventListener("click", function () {
    status.textContent = button.dataset.working;
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById("id_lat").value = position.coords.latitude.toFixed(6);
      document.getElementById("id_lon").value = position.coords.longitude.toFixed(6);
      status.textContent = button.dataset.ok;
    }, function () { status.textContent = button.dataset.fail; }, { enableHighAccuracy: true, timeout: 10000 });
  });
})();
