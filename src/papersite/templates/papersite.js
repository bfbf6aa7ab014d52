// papersite: the second and later pages of a theme or of Unsorted are kept out of the navigation
// (a long list would put hundreds of entries on every page), so Material marks no entry as the
// current one there. Their pager names the first page (data-ps-nav); mark its entry instead.
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

  // Material announces every page on document$, those its instant loading swaps in included, as
  // its documentation asks scripts to follow; a theme without it shows each page by a full load.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(markListEntry);
  } else {
    markListEntry();
  }
})();
