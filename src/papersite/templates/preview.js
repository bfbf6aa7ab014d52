// papersite serve only (a build never has it): while the content has errors, the preview keeps
// showing the last good pages, and a curator watching the browser would think the edit took. The
// preview writes the errors to papersite-preview.json beside this folder, which reloads every page
// when it changes; this script puts them at the bottom of each page. They quote the curator's text,
// so they are set as text, never as HTML.
(function () {
  "use strict";

  var ID = "papersite-preview-problems";
  var report = new URL("../papersite-preview.json", document.currentScript.src);
  // Material's colours, so the box reads in the light and the dark scheme; the red is Material's
  // for its "failure" admonitions, the same in both.
  // At the bottom of the window, under Material's header (z-index 4) and its navigation drawer:
  // at the top it covered the header's menu and colour-scheme buttons, and on a phone the way
  // to the navigation. Material's colours, so it reads in both schemes; the red is Material's
  // for its "failure" admonitions, the same in both.
  var STYLE =
    "#" + ID + " { position: fixed; bottom: 0; left: 0; right: 0; z-index: 3;" +
    " max-height: 40vh; overflow: auto; padding: 0.6rem 1rem;" +
    " background: var(--md-default-bg-color); color: var(--md-default-fg-color);" +
    " border-top: 0.3rem solid #ff1744; box-shadow: var(--md-shadow-z3);" +
    " font-size: 0.8rem; line-height: 1.5; }" +
    "#" + ID + " p { margin: 0 0 0.3rem; font-weight: 700; }" +
    "#" + ID + " button { float: right; margin-left: 1rem; font: inherit; cursor: pointer;" +
    " color: inherit; background: none; border: 0.05rem solid currentcolor;" +
    " border-radius: 0.1rem; padding: 0 0.4rem; }" +
    "#" + ID + " ul { margin: 0; padding-left: 1.2rem; }" +
    "#" + ID + " li { font-family: var(--md-code-font-family, monospace);" +
    " white-space: pre-wrap; overflow-wrap: anywhere; }";

  function show(found) {
    var old = document.getElementById(ID);
    if (old) {
      old.remove();
    }
    if (!found || !found.problems || !found.problems.length) {
      return;
    }
    var box = document.createElement("div");
    box.id = ID;
    box.setAttribute("role", "alert");
    var style = document.createElement("style");
    style.textContent = STYLE;
    // Hidden until the next reload, which the next save brings: the box may cover what the
    // curator needs to read.
    var hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = "Hide";
    hide.setAttribute("aria-label", "Hide the content's errors until the next change");
    hide.addEventListener("click", function () {
      box.remove();
    });
    var heading = document.createElement("p");
    heading.textContent = found.message;
    var list = document.createElement("ul");
    found.problems.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    box.appendChild(style);
    box.appendChild(hide);
    box.appendChild(heading);
    box.appendChild(list);
    document.body.prepend(box);
  }

  function look() {
    // Never from the browser's cache: the file changes as the curator edits.
    fetch(report, { cache: "no-store" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(show, function () {});
  }

  // Material announces every page on document$, those its instant loading swaps in included.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(look);
  } else {
    look();
  }
})();
