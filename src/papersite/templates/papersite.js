// papersite: the second and later pages of a theme or of Unsorted are kept out of the navigation
// (a long list would put hundreds of entries on every page), so Material marks no entry as the
// current one there. Their pager names the first page (data-ps-nav); mark its entry instead.
// And on the 404 page, the Search link searches for the words of the missing address. With
// Pagefind as the search, the header gets a search button, and "/" or "s" puts the cursor in a
// search field, opening the Search page where the page has none.
(function () {
  "use strict";

  function markListEntry() {
    var pager = document.querySelector("[data-ps-nav]");
    if (!pager) {
      return;
    }
    var first = new URL(pager.getAttribute("data-ps-nav"), document.baseURI).href;
    var links = document.querySelectorAll(".md-nav--primary a.md-nav__link");
    for (var i = 0; i < links.length; i++) {
      if (links[i].href === first) {
        links[i].classList.add("md-nav__link--active");
        links[i].setAttribute("aria-current", "page");
        var item = links[i].closest(".md-nav__item");
        if (item) {
          item.classList.add("md-nav__item--active");
        }
      }
    }
  }

  // On the 404 page, a stale link's last folder is most often a paper's id: its title's words
  // then, as when the link was made. The Search link (data-ps-search-address) searches for them,
  // so a renamed paper is a click away; Material's dialog and the Search page both read ?q=.
  function searchTheMissingAddress() {
    var link = document.querySelector("a[data-ps-search-address]");
    if (!link) {
      return;
    }
    var folders = location.pathname.split("/").filter(Boolean);
    var last = folders.length ? folders[folders.length - 1] : "";
    try {
      last = decodeURIComponent(last);
    } catch (error) {
      return; // a stray % that is no escape: nothing to read
    }
    var words = last.replace(/\.html?$/, "").split(/[-_+\s]+/).filter(Boolean).join(" ");
    if (!/\p{L}/u.test(words)) {
      return; // a page number or a date: no words to search for
    }
    var url = new URL(link.href);
    url.searchParams.set("q", words);
    link.href = url.href;
  }

  // Material's header has a search button only with its own search: with Pagefind's, a reader
  // who knows the magnifier looked for it in vain, and on a phone the Search page was behind the
  // menu. main.html names the Search page and holds the button, put where Material puts its own:
  // before the repository's link.
  function addSearchButton() {
    var button = document.getElementById("ps-search-button");
    var header = document.querySelector(".md-header__inner");
    if (!button || !header || header.querySelector(".ps-search-button")) {
      return;
    }
    var link = button.content.firstElementChild.cloneNode(true);
    link.classList.add("ps-search-button");
    header.insertBefore(link, header.querySelector(".md-header__source"));
  }

  // Material's keys for its search, "/" and "s" ("f" too), put the cursor in a search field at
  // once, the key not typed in it: the Search page's, else the home page's, else the Search
  // page's after opening it. Never while typing in a field, nor with a modifier (the browser's
  // own keys).
  function searchKeys(event) {
    var search = document.querySelector('link[rel="search"][type="text/html"]');
    var target = event.target;
    var typing =
      target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!search || typing || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (["/", "s", "f"].indexOf(event.key) < 0) {
      return;
    }
    event.preventDefault();
    var field =
      document.getElementById("ps-search-input") || document.getElementById("ps-home-search");
    if (field) {
      field.focus();
      field.select();
    } else {
      window.location.href = search.href;
      keepTyping();
    }
  }

  // What a reader types while the Search page loads, who pressed "/" and typed on at once, is
  // kept for its field (typedBefore), not dropped or taken by Material's own keys ("n" is its
  // next page). Kept with the time, so a load the reader stopped (Escape) leaves nothing a later
  // visit would find.
  var TYPED = "papersite-typed";
  function keepTyping() {
    var typed = "";
    document.addEventListener(
      "keydown",
      function (event) {
        if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) {
          return;
        }
        event.preventDefault();
        event.stopPropagation();
        typed += event.key;
        try {
          sessionStorage.setItem(TYPED, Date.now() + " " + typed);
        } catch (error) {
          // storage refused (a private window's setting): the keys are lost, as before
        }
      },
      true
    );
  }

  // On the Search page, what keepTyping kept goes before what was typed in its field since.
  function typedBefore() {
    var field = document.getElementById("ps-search-input");
    var kept = "";
    try {
      kept = sessionStorage.getItem(TYPED) || "";
      sessionStorage.removeItem(TYPED);
    } catch (error) {
      return;
    }
    var at = kept.indexOf(" ");
    if (field && kept && Date.now() - Number(kept.slice(0, at)) < 10000) {
      field.value = kept.slice(at + 1) + field.value;
      field.dispatchEvent(new Event("input")); // search.js searches as for typing
    }
  }

  function onPage() {
    markListEntry();
    searchTheMissingAddress();
    addSearchButton();
    typedBefore();
  }

  document.addEventListener("keydown", searchKeys);

  // Material announces every page on document$, those its instant loading swaps in included, as
  // its documentation asks scripts to follow; a theme without it shows each page by a full load.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(onPage);
  } else {
    onPage();
  }
})();
