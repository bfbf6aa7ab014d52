// papersite: the second and later pages of a theme or of Unsorted are kept out of the navigation
// (a long list would put hundreds of entries on every page), so Material marks no entry as the
// current one there. Their pager names the first page (data-ps-nav); mark its entry instead.
// And on the 404 page, the Search link searches for the words of the missing address.
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

  function onPage() {
    markListEntry();
    searchTheMissingAddress();
  }

  // Material announces every page on document$, those its instant loading swaps in included, as
  // its documentation asks scripts to follow; a theme without it shows each page by a full load.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(onPage);
  } else {
    onPage();
  }
})();
