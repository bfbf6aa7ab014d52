// papersite: the second and later pages of a theme or of Unsorted, and each tag's pages, are kept
// out of the navigation (a long list would put hundreds of entries on every page), so Material
// marks no entry as the current one there. Their pager names the first page, a tag's page the Tags
// page (data-ps-nav); mark its entry instead.
// And on the 404 page, the Search link searches for the words of the missing address. With
// Pagefind as the search, the header gets a search button, and "/" or "s" puts the cursor in a
// search field, opening the Search page where the page has none. With Material's search, the
// count of papers found is announced, closing the search gives the focus back, and a colon in a
// query ("Git Re-Basin: ...") no longer makes it find nothing, nor a hyphen ending a word or a
// stop word ("be") list other papers before a title pasted whole. On a narrow screen the
// navigation's ☰ is a button a keyboard can reach and press, and Tab reaches the colour-scheme
// toggle by the name of the icon it shows.
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

  // On the 404 page, a stale link under the papers' folder names a paper's id in the folder
  // after it (whatever follows, "papers/x/y/z" is paper x's): its title's words then, as when the
  // link was made. Elsewhere, its last folder's words. The Search link (data-ps-search-address,
  // the papers' folder's address) searches for them, so a renamed paper is a click away;
  // Material's dialog and the Search page both read ?q=.
  function searchTheMissingAddress() {
    var link = document.querySelector("a[data-ps-search-address]");
    if (!link) {
      return;
    }
    var papers = new URL(link.getAttribute("data-ps-search-address"), location.href).pathname;
    var path = location.pathname;
    var folders = path.startsWith(papers)
      ? path.slice(papers.length).split("/").filter(Boolean).slice(0, 1)
      : path.split("/").filter(Boolean);
    if (folders.length && /^index\.html?$/i.test(folders[folders.length - 1])) {
      folders.pop(); // a page's file named: its words are its folder's ("index" finds another)
    }
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

  // A key in a field that takes text is typed there; a radio button (Material's colour schemes),
  // a checkbox or a button takes none, so "/" there still searches. Material's own keys pass a
  // focused radio button by too (but for its arrows).
  var NO_TEXT = /^(button|checkbox|color|file|image|radio|range|reset|submit)$/;
  function typing(target) {
    if (!(target instanceof HTMLElement)) {
      return false;
    }
    if (target instanceof HTMLInputElement) {
      return !NO_TEXT.test(target.type);
    }
    return target.isContentEditable || /^(TEXTAREA|SELECT)$/.test(target.tagName);
  }

  // Material's keys for its search, "/" and "s" ("f" too), put the cursor in a search field,
  // the key not typed in it: the Search page's, else the home page's; elsewhere they open the
  // Search page, which has the cursor in its field (search.js). Never while typing in a field,
  // nor with a modifier (the browser's own keys). What is typed while that page loads is not
  // kept: a listener left on the page being left outlives it in the back/forward cache.
  function searchKeys(event) {
    var search = document.querySelector('link[rel="search"][type="text/html"]');
    if (!search || typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) {
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
    }
  }

  // Material's search writes how many papers it found ("209 matching documents") above them,
  // but a screen reader heard nothing as the reader typed: the line is no live region. Made a
  // polite one (role status), it is read out once the screen reader is idle. Only with
  // Material's search on the page.
  function announceSearchResults() {
    var meta = document.querySelector(".md-search-result__meta");
    if (meta) {
      meta.setAttribute("role", "status");
    }
  }

  // Material's search shows a paper's abstract from its start, four lines of it (papersite.css),
  // marking the query's words: a paper found by its title and only further on in its abstract
  // showed none of them there ("Efficiently Modeling Long Sequences with Structured State
  // Spaces" for "efficient attention", "efficiently" in its fourth sentence). Such an
  // abstract then shows from a few words before its first marked one, "…" where it is cut, as
  // Pagefind's Search page does. The words are moved as text, never parsed as HTML.
  // Each abstract is looked at once, then marked data-ps-read: the list's every change (a batch
  // of results as the reader scrolls, this function's own cuts) calls it again, and measuring
  // forces the browser's layout, for every result listed so far.
  var LEAD_WORDS = 8; // words shown before the first marked one
  function showFirstMark(text) {
    var mark = text.querySelector("mark");
    if (!mark || mark.parentNode !== text) {
      text.setAttribute("data-ps-read", "");
      return;
    }
    var shown = text.getBoundingClientRect();
    if (shown.height === 0) {
      return; // the search is not shown: looked at again at the list's next change
    }
    text.setAttribute("data-ps-read", "");
    if (mark.getBoundingClientRect().bottom <= shown.bottom) {
      return; // seen already
    }
    var before = "";
    while (text.firstChild !== mark) {
      before += text.firstChild.textContent;
      text.removeChild(text.firstChild);
    }
    // The last piece may be a word the mark goes on ("arXiv:" of "arXiv:2312.00752").
    var words = before.split(/\s+/);
    var kept = words.slice(-LEAD_WORDS - 1).join(" ");
    text.insertBefore(document.createTextNode("\u2026 " + kept), mark);
  }

  // Material adds its results to the list as they come, and more as the reader scrolls.
  function watchSearchResults() {
    var list = document.querySelector(".md-search-result__list");
    if (!list || list.hasAttribute("data-ps-watched")) {
      return;
    }
    list.setAttribute("data-ps-watched", "");
    // An abstract, not the "Missing:" line Material writes under some.
    var TEXTS = ".md-search-result__article > p:not(.md-search-result__terms):not([data-ps-read])";
    new MutationObserver(function () {
      list.querySelectorAll(TEXTS).forEach(showFirstMark);
    }).observe(list, { childList: true, subtree: true });
  }

  // Escape (or a click beside it) closes Material's search and drops the focus on the page's
  // body, where the next Tab starts from the top: the reader's place was lost. The element
  // focused before the focus went into the search takes it back when the search closes. Material
  // opens the search by focusing its field ("/", "s", a click) and closes it by clicking its
  // checkbox, input#__search, which fires "change". Only once the focus is left on the body
  // (hence the timeout, after Material's blur and the key's own action): Tab closes the search
  // too, and moves on from the field itself, which a focus put back would send round again.
  // Without scrolling: a reader who scrolled on, by wheel, since was sent back to it.
  var beforeSearch = null;
  function rememberPlaceBeforeSearch(event) {
    var search = document.querySelector(".md-search");
    var from = event.relatedTarget;
    if (!search || !search.contains(event.target)) {
      return;
    }
    if (from instanceof HTMLElement && !search.contains(from)) {
      beforeSearch = from;
    }
  }
  function returnFromSearch(event) {
    var toggle = event.target;
    if (toggle.id !== "__search" || toggle.checked || !beforeSearch) {
      return;
    }
    var place = beforeSearch;
    beforeSearch = null;
    setTimeout(function () {
      if (place.isConnected && document.activeElement === document.body) {
        place.focus({ preventScroll: true });
      }
    }, 0);
  }

  // Below Material's drawer breakpoint the header's ☰ opens the navigation, but it is a label
  // for the checkbox #__drawer: no Tab stop, so a keyboard could not open the navigation. It
  // becomes a button (a label may not take the role): focusable, named, pressed with Enter or
  // Space, clicking the checkbox as the label did, and saying whether the drawer is open
  // (aria-expanded, kept in step by drawerToggled whatever opened or closed it).
  function makeMenuButton() {
    var label = document.querySelector('.md-header label[for="__drawer"]');
    var drawer = document.getElementById("__drawer");
    if (!label || !drawer) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " ps-menu-button";
    button.innerHTML = label.innerHTML; // Material's icon, an SVG of its own
    button.setAttribute("aria-label", "Navigation");
    button.setAttribute("aria-expanded", String(drawer.checked));
    button.addEventListener("click", function () {
      drawer.click(); // the "change" Material listens for
      if (drawer.checked) {
        focusInDrawer();
      }
    });
    label.replaceWith(button);
  }

  // The open drawer lies over the button and the page, so the focus goes into it: to the first
  // link of the panel it shows, the page's contents when Material left that panel open.
  function focusInDrawer() {
    var toc = document.getElementById("__toc");
    var shown = toc && toc.checked ? " .md-nav--secondary" : "";
    var first = document.querySelector(".md-sidebar--primary" + shown + " a[href]");
    if (first) {
      first.focus();
    }
  }

  // The page's own contents in the drawer opens and closes by labels for #__toc (its entry, and
  // the panel's title, a back arrow), which no keyboard reached: Tab stops, pressed with Enter
  // (Material clicks a focused label) or Space. Opened or closed, the focus follows the panel.
  function reachableContents() {
    var labels = document.querySelectorAll('.md-sidebar--primary label[for="__toc"]');
    for (var i = 0; i < labels.length; i++) {
      labels[i].tabIndex = 0;
    }
  }
  function contentsKeys(event) {
    var label = event.target;
    if (event.key === " " && label.matches && label.matches('label[for="__toc"][tabindex="0"]')) {
      event.preventDefault(); // else the page scrolls
      label.click();
    }
  }
  function contentsToggled(event) {
    var drawer = document.getElementById("__drawer");
    if (event.target.id !== "__toc" || !drawer || !drawer.checked) {
      return;
    }
    if (event.target.checked) {
      focusInDrawer();
    } else {
      var entry = document.querySelector('.md-sidebar--primary .md-nav__link[for="__toc"]');
      if (entry) {
        entry.focus();
      }
    }
  }

  // Escape closes the drawer and gives the focus back to the ☰ (with the search open over it,
  // Material closes the search as well). And the focus leaving the drawer for the page (Tab past
  // its last link) closes it: what it went to lies under the drawer, unseen. Not for the search,
  // which opens over the drawer as it takes the focus.
  function closeDrawer(event) {
    var drawer = document.getElementById("__drawer");
    var button = document.querySelector(".ps-menu-button");
    if (event.key === "Escape" && drawer && drawer.checked && button) {
      drawer.click();
      button.focus();
    }
  }
  function leaveDrawer(event) {
    var drawer = document.getElementById("__drawer");
    var target = event.target;
    if (!drawer || !drawer.checked || !(target instanceof Element)) {
      return;
    }
    if (!target.closest(".md-sidebar--primary, .ps-menu-button, #__drawer, .md-search")) {
      drawer.click();
    }
  }
  function drawerToggled(event) {
    var button = document.querySelector(".ps-menu-button");
    if (event.target.id === "__drawer" && button) {
      button.setAttribute("aria-expanded", String(event.target.checked));
    }
  }

  // Material's colour-scheme toggle is a radio button per scheme, each named for what its label
  // (the icon shown while that scheme is on) does: the light one "Switch to dark mode". Material
  // checks none of them, so Tab went to the first: on a dark page the focus sat on "Switch to
  // dark mode", whose label is hidden, and no focus showed. The radio button whose label Material
  // shows is checked, as a click on the icon would leave it: Tab goes there. Material listens for
  // "change", which checking from a script does not send: the scheme stays as it is.
  function checkShownScheme() {
    var options = document.querySelectorAll("[data-md-component=palette] .md-option");
    for (var i = 0; i < options.length; i++) {
      var label = options[i].nextElementSibling;
      if (label instanceof HTMLElement && !label.hidden) {
        options[i].checked = true;
      }
    }
  }

  // Material's search hands the query to lunr, which reads "word:" as a field to search in.
  // Material takes out a colon only where it comes first in a word, after lunr's own splitting at
  // "-": "Git Re-Basin: Merging Models" made lunr throw (a field "Basin"), and the search found
  // nothing; "Titans:" was dropped from the query, the field having no word after it. A colon is
  // never in the index (mkdocs.yml's separator splits words at it), so every colon but one that
  // names a field of Material's index ("title:attention") is read as a space: nothing is lost.
  var FIELD_OR_COLON = /(^|\s)([+-]?(?:title|text|tags):(?=[^\s:]))|:/g;
  function withoutStrayColons(query) {
    return query.replace(FIELD_OR_COLON, function (found, before, field) {
      return field ? found : " ";
    });
  }

  // A word ending in a hyphen ("Byte- and Word-Level", or "Word-" typed on the way to
  // "Word-Level") reached lunr as "Byte-*", which it reads as "Byte" and a lone wildcard: a word
  // of no letters, which every page holds, the tagged papers first (Material weighs a tag a
  // thousand times a title). The title was not in the top 10. Such a hyphen is read as a space;
  // one starting a word ("-word", leave out pages holding it) is left to Material.
  var HYPHEN_ENDING_A_WORD = /(\S)-+(?=\s|$)/g;
  function withoutTrailingHyphens(query) {
    return query.replace(HYPHEN_ENDING_A_WORD, "$1 ");
  }

  // Material ends every word of a query with a wildcard, so a word finds the words starting with
  // it. A stop word ("be", "of", "can") is not in the index, lunr's stopWordFilter (Material's
  // default pipeline, and mkdocs.yml's) having left it out: "be*" found only other words, the tag
  // "benchmark" among them, which Material weighs a thousand times a title. "Memorize, Factorize,
  // or be Naïve: ..." and "Can Github issues be solved with Tree Of Thoughts?", pasted whole,
  // listed ten tagged papers before their own. A stop word followed by another word is left out
  // of the query, nothing being found by it; the last one stays, the reader perhaps on the way to
  // "benchmark". Another word is one holding a letter or a digit, anywhere after the stop word:
  // a lone sign ("-", "+", "*", "~", "^", "–") is none. "the -", typed on the way to "the -word",
  // left the query " -", which finds nothing; kept whole, it lists what it did before the query
  // was rewritten. And "the - mamba" loses its "the", which found 136 papers, unrelated ones
  // among the first. lunr's English list, as Material's search worker has it.
  var STOP_WORDS = (
    "a able about across after all almost also am among an and any are as at be because been but " +
    "by can cannot could dear did do does either else ever every for from get got had has have " +
    "he her hers him his how however i if in into is it its just least let like likely may me " +
    "might most must my neither no nor not of off often on only or other our own rather said say " +
    "says she should since so some than that the their them then there these they this tis to " +
    "too twas us wants was we were what when where which while who whom why will with would yet " +
    "you your"
  ).split(" ");
  var FINISHED_STOP_WORD = new RegExp(
    "(^|\\s)(?:" + STOP_WORDS.join("|") + ")[^\\p{L}\\p{N}\\s\"]*(?=\\s[^]*[\\p{L}\\p{N}])",
    "giu"
  );
  function withoutFinishedStopWords(query) {
    return query.replace(FINISHED_STOP_WORD, "$1");
  }

  // What papersite leaves out of titles and abstracts (characters.HIDDEN), as they hide in a
  // word: left out of a query too. Pasted from a PDF ("l<U+00AD>earning", a soft hyphen) or a
  // web page (a zero-width space), a word the reader sees whole found nothing.
  var HIDDEN = /[\u202A-\u202E\u2066-\u2069\u200B\u2060-\u2064\uFEFF\u00AD]/g;

  // An arXiv id in a query, as a reader pastes it: "2312.00752", "arXiv:2312.00752", its
  // address on arXiv, "https://arxiv.org/abs/2312.00752v2" (or pdf/, html/, the scheme left
  // out) or on Hugging Face, whose Daily Papers the site is made from
  // ("https://huggingface.co/papers/2312.00752"); an old id, "hep-th/9901001", too.
  // papersite indexes a paper's id bare, without its version, in a field of its own
  // (papersite.search): "2312.00752v2" is no "2312.00752", and "arXiv:" found every paper
  // whose abstract says "arXiv", before the paper.
  var ARXIV_ID = new RegExp(
    "(^|\\s)(?:(?:https?://)?(?:www\\.)?" +
      "(?:arxiv\\.org/(?:abs|pdf|html)|huggingface\\.co/papers)/|arxiv:\\s*)?" +
      "(\\d{4}\\.\\d{4,5}|[a-z-]+(?:\\.[a-z]{2})?/\\d{7})(?:v\\d+)?(?:\\.pdf)?/?(?=\\s|$)",
    "gi"
  );
  function bareArxivIds(query) {
    return query.replace(ARXIV_ID, "$1$2");
  }

  // An old-style arXiv id, bared ("hep-th/9901001", "math.GT/0309136"). mkdocs.yml's separator
  // splits it at "-", "/" and a dot before two letters, in the index as in a query, and Material
  // finds the words starting with each part, any of them: "th" listed the home page and About
  // after the paper. Each part is made required and whole with lunr's presence operator
  // ("+hep +th +9901001", which Material leaves without its wildcard), so a page must hold the
  // id: the paper (its arxiv field) and the abstracts writing it, as README says. Not the id
  // indexed without its separators ("hepth9901001"): an abstract's id is split like any word.
  var OLD_ARXIV_ID = /(^|\s)([a-z][a-z-]*(?:\.[a-z]{2})?\/\d{7})(?=\s|$)/gi;
  function wholeOldArxivIds(query) {
    return query.replace(OLD_ARXIV_ID, function (found, before, id) {
      var parts = id.split(/[-./]+/).filter(Boolean);
      return (
        before +
        parts
          .map(function (part) {
            return "+" + part;
          })
          .join(" ")
      );
    });
  }

  // The query as lunr can read it, and without the words that only find others (see above).
  function readableQuery(query) {
    query = wholeOldArxivIds(bareArxivIds(query.replace(HIDDEN, "")));
    return withoutFinishedStopWords(withoutTrailingHyphens(withoutStrayColons(query)));
  }

  // Material reads the search field's value when its index is ready, on keyup and on focus, and
  // sets it from the address's ?q= (the 404 page's Search link) before it first reads it. The
  // field's own value getter answers readableQuery of it: Material sees the query lunr can
  // read, whichever way it came in, and the reader still sees what was typed or pasted, the
  // caret where it was (a listener rewriting the value in the field would change the text under
  // the reader's hands). Installed as the script runs: Material reads the field first once the
  // document has loaded, after this script.
  var VALUE = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value");
  function readableSearchQuery() {
    var field = document.querySelector("input[data-md-component=search-query]");
    if (!field || !VALUE || Object.prototype.hasOwnProperty.call(field, "value")) {
      return;
    }
    Object.defineProperty(field, "value", {
      configurable: true,
      get: function () {
        return readableQuery(VALUE.get.call(this));
      },
      set: function (value) {
        VALUE.set.call(this, value);
      },
    });
  }

  function onPage() {
    readableSearchQuery();
    makeMenuButton();
    checkShownScheme();
    reachableContents();
    markListEntry();
    searchTheMissingAddress();
    addSearchButton();
    announceSearchResults();
    watchSearchResults();
  }

  readableSearchQuery(); // before Material first reads the field (see there)
  document.addEventListener("keydown", searchKeys);
  document.addEventListener("keydown", closeDrawer);
  document.addEventListener("keydown", contentsKeys);
  document.addEventListener("focusin", leaveDrawer);
  document.addEventListener("change", contentsToggled);
  document.addEventListener("focusin", rememberPlaceBeforeSearch);
  document.addEventListener("change", returnFromSearch);
  document.addEventListener("change", drawerToggled);

  // Material announces every page on document$, those its instant loading swaps in included, as
  // its documentation asks scripts to follow; a theme without it shows each page by a full load.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(onPage);
  } else {
    onPage();
  }
})();
