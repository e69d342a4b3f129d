// Web Push on this device: one button turns notices on, the same button turns them off.
// The lock screen only ever says "Du har en ny besked på Belong".
(function () {
  const box = document.getElementById("push");
  if (!box || !("serviceWorker" in navigator) || !("PushManager" in window)) {
    return;
  }
  const button = box.querySelector("button");
  const state = box.querySelector("[data-push-state]");
  const csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
  const key = box.dataset.key;

  function bytes(base64) {
    const padded = (base64 + "=".repeat((4 - (base64.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body),
    });
  }
  function show(on) {
    button.textContent = on ? box.dataset.offLabel : box.dataset.onLabel;
    state.textContent = on ? box.dataset.onText : box.dataset.offText;
    button.dataset.on = on ? "1" : "0";
  }

  box.hidden = false;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then((registration) =>
    registration.pushManager.getSubscription().then((subscription) => show(Boolean(subscription)))
  );
  button.addEventListener("click", async () => {
    const registration = await navigator.serviceWorker.ready;
    const current = await registration.pushManager.getSubscription();
    if (button.dataset.on === "1" && current) {
      await post(box.dataset.offUrl, { endpoint: current.endpoint });
      await current.unsubscribe();
      show(false);
      return;
    }
    if ((await Notification.requestPermission()) !== "granted") {
      state.textContent = box.dataset.deniedText;
      return;
    }
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: bytes(key),
    });
    const response = await post(box.dataset.onUrl, subscription.toJSON());
    show(response.ok);
  });
})();
