// Live messages: the socket only says "something new"; htmx then fetches the messages the
// same way polling does. While the socket is open, polling rests; when it closes, polling
// takes over again and we try to reconnect.
(function () {
  "use strict";
  var root = document.querySelector("[data-live-conversation]");
  if (!root || !("WebSocket" in window)) return;
  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  var url = scheme + location.host + "/ws/beskeder/" + root.dataset.liveConversation + "/";
  var delay = 1000;
  function refresh() {
    if (window.htmx) window.htmx.trigger(document.body, "belong:refresh");
  }
  // A fetch that failed (a busy server, a lost connection) is tried again shortly.
  function retryLater(event) {
    var elt = event.detail && event.detail.elt;
    if (elt && elt.id === "messages") setTimeout(refresh, 1000);
  }
  // While the socket is open, the 5-second poll rests (a poll has no triggering event; a
  // "belong:refresh" from the socket has one). Done here, not in an hx-trigger filter, because
  // such filters are evaluated code, which the Content-Security-Policy forbids.
  document.body.addEventListener("htmx:confirm", function (event) {
    var elt = event.detail && event.detail.elt;
    if (window.belongLive && elt && elt.id === "messages" && !event.detail.triggeringEvent) {
      event.preventDefault();
    }
  });
  document.body.addEventListener("htmx:responseError", retryLater);
  document.body.addEventListener("htmx:sendError", retryLater);
  function connect() {
    var socket = new WebSocket(url);
    socket.onopen = function () {
      window.belongLive = true;
      root.setAttribute("data-live", "on");
      delay = 1000;
      refresh();
    };
    socket.onmessage = refresh;
    socket.onclose = function () {
      window.belongLive = false;
      root.removeAttribute("data-live");
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
