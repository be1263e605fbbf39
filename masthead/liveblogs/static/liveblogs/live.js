// A live blog in the browser: its times said the short way, and its new entries
// without a reload.
//
// Times: the server writes every time in full ("Sat 5 Dec 2026, 14:05"), because the
// page is kept and shared across midnight (see liveblogs/templatetags/live_tags.py).
// Here today's entries lose their day and this year's their year, "today" being the
// paper's (its time zone, the datetime attribute's date) by this browser's clock,
// and again as soon as that day changes.
//
// Entries: every few seconds, ask for the entries after the newest one on the page
// and put them at the top of the feed. Without this script the page works as it is,
// with its "Refresh for the latest" link.
(function () {
  "use strict";
  var blog = document.querySelector(".live-blog");
  if (!blog) return;

  var zone = blog.getAttribute("data-time-zone") || "UTC";
  var shownFor = null; // the paper's day the times are shortened for

  function paperToday() {
    // "2026-12-07"; null where the browser cannot tell (every date then stays in).
    try {
      var parts = new Intl.DateTimeFormat("en-GB", {
        timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit"
      }).formatToParts(new Date());
      var found = {};
      for (var i = 0; i < parts.length; i++) found[parts[i].type] = parts[i].value;
      return found.year + "-" + found.month + "-" + found.day;
    } catch (error) {
      return null;
    }
  }

  function shorten(root, today) {
    var times = root.querySelectorAll("time.live-time");
    for (var i = 0; i < times.length; i++) {
      var day = (times[i].getAttribute("datetime") || "").slice(0, 10);
      var dayPart = times[i].querySelector(".live-time__day");
      var yearPart = times[i].querySelector(".live-time__year");
      if (dayPart) dayPart.hidden = day === today;
      if (yearPart) yearPart.hidden = day.slice(0, 4) === today.slice(0, 4);
    }
  }

  function shortenTimes() {
    var today = paperToday();
    if (!today || today === shownFor) return;
    shownFor = today;
    shorten(blog, today);
  }

  shortenTimes();
  window.setInterval(shortenTimes, 30000); // midnight reaches an open page within 30 s
  document.addEventListener("visibilitychange", shortenTimes);

  var url = blog.getAttribute("data-live-updates");
  if (!url || !window.fetch) return; // no updates for this reader: the times are all
  var feed = blog.querySelector(".live-blog__feed");
  var status = blog.querySelector(".live-blog__status");
  var base = url.replace(/0\/$/, "");
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
      if (shownFor) shorten(node, shownFor);
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
