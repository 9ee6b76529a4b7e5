// The duty supervisor's live alerts: poll the JSON feed every 5 seconds (no outside
// service), add new alerts to the list, and raise a Web Notification where granted.
(function () {
  var list = document.getElementById("alerts");
  if (!list) return;
  var after = parseInt(list.dataset.after || "0", 10);
  var feed = list.dataset.feed;
  var button = document.getElementById("enable-notifications");
  if (button) {
    if (!("Notification" in window)) button.hidden = true;
    button.addEventListener("click", function () { Notification.requestPermission(); });
  }
  function show(alert) {
    var empty = document.getElementById("no-alerts");
    if (empty) empty.remove();
    var item = document.createElement("li");
    item.className = "alert-item unacknowledged new";
    var link = document.createElement("a");
    link.href = alert.url;
    link.textContent = alert.subject;
    item.appendChild(link);
    // The same content as the server-rendered items: the case number beside the link.
    var number = document.createElement("span");
    number.className = "muted";
    number.textContent = alert.number;
    item.appendChild(document.createTextNode(" "));
    item.appendChild(number);
    list.insertBefore(item, list.firstChild);
    if ("Notification" in window && Notification.permission === "granted") {
      var note = new Notification(alert.subject, { body: alert.body, tag: "accident-" + alert.id });
      note.onclick = function () { window.location.href = alert.url; };
    }
  }
  function poll() {
    fetch(feed + "?after=" + after, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { alerts: [] }; })
      .then(function (data) {
        data.alerts.slice().reverse().forEach(function (alert) {
          if (alert.id > after) { after = alert.id; show(alert); }
        });
      })
      .catch(function () {})
      .then(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 5000);
})();
