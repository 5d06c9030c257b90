// crm-agents workspace: the one page script (no build step). It follows a run's events over
// Server-Sent Events (the workspace relays GET /v1/runs/{id}/events); EventSource rejoins by
// itself after a dropped connection, sending Last-Event-ID, so nothing is missed or shown twice.
(function () {
  function follow(list) {
    var state = document.getElementById("live-state");
    var source = new EventSource(list.getAttribute("data-events"));
    source.onopen = function () {
      if (state) state.textContent = "live: following the run";
    };
    source.onerror = function () {
      if (state) state.textContent = "stream closed; rejoining…";
    };
    source.onmessage = function (e) {
      var ev;
      try {
        ev = JSON.parse(e.data);
      } catch {
        return;
      }
      if (list.querySelector('[data-seq="' + ev.seq + '"]')) return;
      var li = document.createElement("li");
      li.setAttribute("data-seq", ev.seq);
      var data = JSON.stringify(ev.data);
      li.textContent =
        "#" +
        ev.seq +
        " " +
        ev.created_at.slice(11, 19) +
        " " +
        ev.type +
        " " +
        (data.length > 240 ? data.slice(0, 240) + "…" : data);
      list.appendChild(li);
      list.scrollTop = list.scrollHeight;
      var end = /^run_(succeeded|failed|cancelled|interrupted|budget_exceeded)$/.exec(ev.type);
      var pill = document.getElementById("run-status");
      if (end && pill) {
        pill.textContent = end[1];
        pill.className = "pill " + end[1];
      }
      var count = document.getElementById("live-count");
      if (count) count.textContent = String(list.children.length);
    };
  }
  document.addEventListener("DOMContentLoaded", function () {
    var list = document.querySelector("[data-events]");
    if (list) follow(list);
  });
})();
