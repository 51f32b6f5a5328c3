// seedsearch: completions while typing in the search box.
//
// The last word of the box is sent to /api/complete (this server only: the
// page's Content-Security-Policy allows nothing else); each completion is a
// link to the search with that word completed and the rest of the page's
// state (filters, switches, sort), so choosing one searches.  Arrow keys move
// through them, Escape closes them.  Text goes into the page as text only.
// The page works the same without this script.
(function () {
  "use strict";
  var box = document.querySelector("form.search input[name=q]");
  var list = document.getElementById("suggestions");
  if (!box || !list || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var DELAY_MS = 120;
  var LIMIT = 8;
  var timer = 0;
  var asked = "";
  var pending = null;
  box.setAttribute("role", "combobox");
  box.setAttribute("aria-autocomplete", "list");
  box.setAttribute("aria-controls", "suggestions");
  box.setAttribute("aria-expanded", "false");

  function hide() {
    list.hidden = true;
    list.textContent = "";
    box.setAttribute("aria-expanded", "false");
  }

  function searchUrl(query) {
    var state = new URLSearchParams(new FormData(box.form));
    state.set("q", query);
    return "/?" + state.toString();
  }

  function show(head, words) {
    list.textContent = "";
    words.forEach(function (word, i) {
      var item = document.createElement("li");
      item.setAttribute("role", "presentation");
      var link = document.createElement("a");
      link.id = "suggestion-" + i;
      link.setAttribute("role", "option");
      link.href = searchUrl(head + word);
      if (head) {
        var before = document.createElement("span");
        before.className = "head";
        before.textContent = head;
        link.appendChild(before);
      }
      link.appendChild(document.createTextNode(word));
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = words.length === 0;
    box.setAttribute("aria-expanded", String(words.length > 0));
  }

  function lookUp() {
    var value = box.value;
    var match = /^([\s\S]*\s)?(\S+)$/.exec(value);
    if (!match) {
      asked = "";
      hide();
      return;
    }
    if (value === asked) {
      return;
    }
    asked = value;
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    var head = match[1] || "";
    fetch("/api/complete?limit=" + LIMIT + "&q=" + encodeURIComponent(match[2]),
          {signal: pending.signal, headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : {completions: []}; })
      .then(function (data) {
        if (box.value === value) {
          show(head, data.completions || []);
        }
      })
      .catch(function () { /* aborted by a newer key, or offline: nothing to show */ });
  }

  function options() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookUp, DELAY_MS);
  });
  box.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && !list.hidden && options().length) {
      event.preventDefault();
      options()[0].focus();
    } else if (event.key === "Escape") {
      hide();
    }
  });
  list.addEventListener("keydown", function (event) {
    var all = options();
    var at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < all.length - 1) {
      event.preventDefault();
      all[at + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (at > 0 ? all[at - 1] : box).focus();
    } else if (event.key === "Escape") {
      hide();
      box.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!list.contains(event.target) && event.target !== box) {
      hide();
    }
  });
}());
