// The offline-safe field form. Every edit goes to localStorage first (key lb-insp-<case>),
// as a queue of operations each with its own idempotency key; the queue is sent to the
// sync endpoint whenever the browser is online (now, on the "online" event, every 15 s)
// and an operation leaves the queue only when the server has acknowledged it. The server
// applies a key once, so a retry after a lost answer changes nothing.
(function () {
  "use strict";
  var form = document.getElementById("field-form");
  if (!form) return;
  var number = form.dataset.number;
  var editable = form.dataset.editable === "1";
  var storeKey = "lb-insp-" + number;
  var statusBar = document.getElementById("sync-status");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var syncing = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey)) || { ops: [] }; } catch (e) { return { ops: [] }; }
  }
  function save(state) {
    try { localStorage.setItem(storeKey, JSON.stringify(state)); return true; }
    catch (e) { show("裝置儲存空間不足，請連線同步 Device storage full: go online to sync", false); return false; }
  }
  function newKey() {
    var bytes = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function show(text, ok) {
    statusBar.textContent = text;
    statusBar.classList.toggle("ok", !!ok);
  }
  function refreshStatus(extra) {
    var pending = load().ops.length;
    if (pending) show("待同步 " + pending + " 項（離線時資料保存在本裝置） " + pending + " waiting to sync" + (extra ? "；" + extra : ""), false);
    else show("已全部同步 All synced" + (extra ? "；" + extra : ""), true);
  }
  function enqueue(op) {
    var state = load();
    if (op.kind === "finding") {
      // A newer edit of the same item replaces the queued one: only the last answer counts.
      state.ops = state.ops.filter(function (o) { return !(o.kind === "finding" && o.item_code === op.item_code); });
    }
    if (op.kind === "ack") state.ops = state.ops.filter(function (o) { return o.kind !== "ack"; });
    op.key = op.key || newKey();
    state.ops.push(op);
    save(state);
    refreshStatus();
    sync();
  }

  // Restore queued edits into the form (they are newer than what the server rendered).
  function restore() {
    load().ops.forEach(function (op) {
      if (op.kind === "finding") {
        var radio = form.querySelector("input[name='result-" + op.item_code + "'][value='" + op.result + "']");
        if (radio) radio.checked = true;
        var note = document.getElementById("note-" + op.item_code);
        if (note) note.value = op.note;
      }
      if (op.kind === "photo") listPhoto(op.item_code, op.captured_at, op.latitude, op.longitude, false);
      if (op.kind === "ack") {
        document.getElementById("ack-name").value = op.name;
        document.getElementById("ack-title").value = op.title || "";
      }
    });
  }

  function findingOp(code) {
    var checked = form.querySelector("input[name='result-" + code + "']:checked");
    if (!checked) return null;
    return { kind: "finding", item_code: code, result: checked.value, note: document.getElementById("note-" + code).value };
  }
  function onItemChange(event) {
    var box = event.target.closest("[data-item]");
    if (!box || !editable || event.target.type === "file") return;
    var op = findingOp(box.dataset.item);
    if (op) enqueue(op);
  }
  form.addEventListener("change", onItemChange);

  function listPhoto(code, at, lat, lng, synced) {
    var list = form.querySelector("[data-photos-for='" + code + "']");
    if (!list) return;
    var li = document.createElement("li");
    li.textContent = new Date(at).toLocaleString("zh-TW") + (lat != null ? "（" + Number(lat).toFixed(5) + ", " + Number(lng).toFixed(5) + "）" : "") + (synced ? " ✓" : " …");
    list.appendChild(li);
  }
  function where() {
    return new Promise(function (resolve) {
      if (!navigator.geolocation) return resolve(null);
      navigator.geolocation.getCurrentPosition(function (p) { resolve(p.coords); }, function () { resolve(null); },
        { enableHighAccuracy: true, timeout: 5000, maximumAge: 60000 });
    });
  }
  function shrink(file) {
    // Downscale to at most 1600 px as JPEG so that a few photos fit in localStorage.
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onerror = reject;
      reader.onload = function () {
        var img = new Image();
        img.onerror = function () { resolve(reader.result); };
        img.onload = function () {
          var scale = Math.min(1, 1600 / Math.max(img.width, img.height));
          var canvas = document.createElement("canvas");
          canvas.width = Math.round(img.width * scale); canvas.height = Math.round(img.height * scale);
          canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
          resolve(canvas.toDataURL("image/jpeg", 0.8));
        };
        img.src = reader.result;
      };
      reader.readAsDataURL(file);
    });
  }
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "file" || !input.files.length) return;
    var code = input.dataset.photoFor;
    var file = input.files[0];
    var at = new Date().toISOString();
    Promise.all([shrink(file), where()]).then(function (done) {
      var coords = done[1];
      var op = { kind: "photo", item_code: code, name: file.name, data: done[0], captured_at: at,
                 latitude: coords ? coords.latitude : null, longitude: coords ? coords.longitude : null,
                 accuracy: coords ? coords.accuracy : null };
      // The photo belongs to the item's finding: make sure the finding goes first.
      var finding = findingOp(code);
      if (finding && !load().ops.some(function (o) { return o.kind === "finding" && o.item_code === code; })) enqueue(finding);
      listPhoto(code, at, op.latitude, op.longitude, false);
      enqueue(op);
      input.value = "";
    });
  });

  // The signature pad.
  var canvas = document.getElementById("signature");
  var pad = canvas.getContext("2d");
  var drawing = false, drawn = false;
  function point(e) { var r = canvas.getBoundingClientRect(); return [(e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height]; }
  canvas.addEventListener("pointerdown", function (e) { drawing = true; drawn = true; var p = point(e); pad.beginPath(); pad.moveTo(p[0], p[1]); canvas.setPointerCapture(e.pointerId); });
  canvas.addEventListener("pointermove", function (e) { if (!drawing) return; var p = point(e); pad.lineWidth = 2; pad.lineTo(p[0], p[1]); pad.stroke(); });
  canvas.addEventListener("pointerup", function () { drawing = false; });
  document.getElementById("sig-clear").addEventListener("click", function () { pad.clearRect(0, 0, canvas.width, canvas.height); drawn = false; });
  var ackButton = document.getElementById("ack-save");
  if (ackButton) ackButton.addEventListener("click", function () {
    var method = form.querySelector("input[name=ack-method]:checked").value;
    var name = document.getElementById("ack-name").value.trim();
    if (!name) { show("請填寫代表姓名 Enter the representative's name", false); return; }
    if (method === "signature" && !drawn) { show("請於簽名欄簽名 Sign in the box", false); return; }
    enqueue({ kind: "ack", name: name, title: document.getElementById("ack-title").value.trim(), method: method,
              signature: method === "signature" ? canvas.toDataURL("image/png") : "" });
  });

  function sync() {
    if (syncing || !navigator.onLine) { refreshStatus(); return; }
    var ops = load().ops;
    if (!ops.length) { refreshStatus(); return; }
    syncing = true;
    fetch(form.dataset.syncUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ operations: ops.slice(0, 20) })
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (body) {
      var done = {}, problems = [];
      body.results.forEach(function (r) {
        if (r.ok) done[r.key] = true;
        else { done[r.key] = true; problems.push(r.message); }  // refused: shown, not retried forever
      });
      var state = load();
      state.ops = state.ops.filter(function (o) { return !done[o.key]; });
      save(state);
      syncing = false;
      refreshStatus(problems.length ? "未接受：" + problems.join("；") : "");
      if (state.ops.length) sync();
    }).catch(function () { syncing = false; refreshStatus("連線中斷，稍後自動重試 Offline: will retry"); });
  }

  // Keep a copy of this page for reopening it offline (see sw.js).
  if ("serviceWorker" in navigator && window.caches) {
    navigator.serviceWorker.register(form.dataset.swUrl, { scope: form.dataset.swUrl.replace(/sw\.js$/, "") })
      .then(function () { return caches.open("lb-field"); })
      .then(function (cache) { return navigator.onLine ? cache.add(location.pathname) : null; })
      .then(function () { document.documentElement.dataset.offlineReady = "1"; })
      .catch(function () {});
  }
  window.addEventListener("online", sync);
  setInterval(sync, 15000);
  restore();
  refreshStatus();
  sync();
})();
