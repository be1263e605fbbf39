// "Right now" again every half minute, while the page is in view; without this the panel stays as loaded.
(() => {
  const panel = document.getElementById("analytics-now");
  if (!panel || !window.fetch) return;
  const every = Number(panel.dataset.seconds || 30) * 1000;
  setInterval(async () => {
    if (document.hidden) return;
    try {
      const answer = await fetch(panel.dataset.url, { credentials: "same-origin" });
      // A lapsed session is sent to the login page: keep the last figures rather than show it.
      if (answer.ok && !answer.redirected) panel.innerHTML = await answer.text();
    } catch (error) {
      // Offline for a moment: the next turn tries again.
    }
  }, every);
})();
