// A live blog's new entries, without a reload: every few seconds, ask for the
// entries after the newest one on the page and put them at the top of the feed.
// Without this script the page works as it is, with its "Refresh" link.
(function () {
  "use strict";
  var blog = document.querySelector("[data-live-updates]");
  if (!blog || !window.fetch) return;
  var feed = blog.querySelector(".live-blog__feed");
  var status = blog.querySelector(".live-blog__status");
  var base = blog.getAttribute("data-live-updates").replace(/0\/$/, "");
  var newest = parseInt(blog.getAttribute("data-newest"), 10) || 0;
  var INTERVAL = 5000 + Math.floor(Math.random() * 3000); // 5-8 s: readers do not poll in step

  function insert(entries) {
    var added = 0;
    // Newest first in the answer: add the oldest first so the newest ends on top.
    for (var i = entries.length - 1; i >= 0; i--) {
      var entry = entries[i];
      if (document.getElementById("entry-" + entry.id)) continue;
      var holder = document.createElement("div");
      holder.innerHTML = entry.html;
      var node = holder.firstElementChild;
      if (!node) continue;
      feed.insertBefore(node, feed.firstChild);
      newest = Math.max(newest, entry.id);
      added++;
    }
    if (added) {
      status.textContent = added === 1 ? "1 new entry" : added + " new entries";
    }
  }

  function poll() {
    if (document.hidden) return schedule();
    fetch(base + newest + "/", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return schedule();
        insert(data.entries || []);
        if (data.ended) {
          status.textContent = "The live coverage has ended.";
          return; // nothing more will come
        }
        schedule();
      })
      .catch(schedule);
  }

  function schedule() {
    window.setTimeout(poll, INTERVAL);
  }

  schedule();
})();
