// papersite's Search page, for sites built with the Pagefind backend.
//
// Pagefind's list of indexed pages is fetched whole before a first result, at about 6.5 bytes a
// page, so papersite indexes papers a group to a page (papersite.search): each paper is a section
// whose heading's id is the paper's id. A query (common English words left out, a hyphenated
// word asked whole and apart) asks Pagefind which groups match, reads the best few of them, lists
// their papers that hold every word, ranked by where each holds them; "More results" reads on.
// When no paper holds every word (the words of a renamed paper's old address), it lists the papers
// holding the most of them, and says so.
(function () {
  "use strict";

  var SHOWN = 10; // papers added to the list at a time
  var QUOTED = 80; // characters of a query the status line repeats at most
  var GROUPS = 8; // groups read at a time: each a fetch of 2-3 KB
  var EXCERPT = 30; // words of a paper's excerpt, Pagefind's and papersite's own
  // Batches read for one showing at most: when few papers hold every word of a query, each group
  // adds little, and reading on would fetch the whole index piece by piece.
  var BATCHES = 4;
  // What a word found for a query term earns a paper's score: in the title, TITLE_CREDIT times
  // a word of the abstract (the ratio Pagefind's own scores give); STEM_SHARE of that when the
  // word shares only the term's stem.
  var TITLE_CREDIT = 36;
  var STEM_SHARE = 0.5;
  // Ties between papers credited alike: a title the query fills earns up to COVERAGE_CREDIT, less
  // than a word of the abstract earns for a term.
  var COVERAGE_CREDIT = 0.4;
  // What English adds to a word whose stem is shorter than four letters ("cat" for "cats").
  var ENDINGS = new Set(["s", "es", "d", "ed", "ing", "er", "ers", "ly"]);

  // A word of Pagefind's excerpt as the reader sees it: Pagefind escapes < and > in the text and
  // marks the words found. Never parsed as HTML: the text is a paper's.
  function excerptWord(html) {
    return html.replace(/<\/?mark>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  }

  // Pagefind's excerpt often opens with the end of the paper's title, which the result shows just
  // above it: the excerpt without those words. (Pagefind ends a heading with a period.)
  function withoutTitle(excerpt, title) {
    var words = excerpt.split(" ");
    var titleWords = title.split(/\s+/);
    for (var n = Math.min(words.length - 1, titleWords.length); n > 0; n--) {
      var opening = words.slice(0, n).map(excerptWord).join(" ");
      var tail = titleWords.slice(titleWords.length - n).join(" ");
      if (opening === tail || opening === tail + ".") {
        return words.slice(n).join(" ");
      }
    }
    return excerpt;
  }

  // The excerpt with "…" where it cuts the abstract, ``abstract`` being its words: at its start
  // unless it opens the abstract, at its end unless it ends it.
  function withEllipses(excerpt, abstract) {
    var words = excerpt.split(" ").filter(Boolean).map(excerptWord);
    if (!words.length || !abstract.length) {
      return excerpt;
    }
    var n = Math.min(words.length, abstract.length, 3); // words compared at either end
    var opens = words.slice(0, n).join(" ") === abstract.slice(0, n).map(excerptWord).join(" ");
    var closes = words.slice(-n).join(" ") === abstract.slice(-n).map(excerptWord).join(" ");
    return (opens ? "" : "\u2026 ") + excerpt + (closes ? "" : " \u2026");
  }

  // The parts of a word as Pagefind indexes them, lowercased: "State-Space" is "state", "space".
  function wordParts(word) {
    return word.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function sharedPrefix(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) {
      n++;
    }
    return n;
  }

  // Whether a word Pagefind found spells the whole term, not only its stem: "multiplications"
  // spells "multiplication", "multiple" does not. What ranks a paper.
  function spells(word, term) {
    return wordParts(word).some(function (part) {
      return part.startsWith(term);
    });
  }

  // Whether a word Pagefind found is the term with another ending ("memories" for "memory"), not
  // only a word like it ("continual" for "continuation"). What the status line tells apart; the
  // ranking still prefers the term spelled whole (bench_search: "in the title" fell 92.6% to
  // 89.8% of the top 10s when these counted as spelled).
  function isTerm(word, term) {
    return spells(word, term) || wordParts(word).some(function (part) {
      return sameStem(part, term);
    });
  }

  // The query's terms a word Pagefind found stands for. Pagefind stems and matches prefixes
  // ("memories" finds "memory", "quantiz" finds "quantized"), so a part of the word stands for a
  // term when it opens with the term; when one is the other and an English ending ("cats" finds
  // "cat", "copy" finds "copies"; but "RL", which Pagefind finds for "RLHF" having no word like
  // it, stands for nothing); or when they share four letters, which is what Pagefind's stem
  // ("continual" for "continuation") or a misspelling's opening ("efficacy" for "efficency")
  // leaves in common, unless another term shares more: then Pagefind found the part for that
  // one ("statistical" for "statistical", not for "state", whose stem it does not open with).
  // A term of fewer letters is a word whole: the "c" of "C#" is not "Convolutional", the "4"
  // of "GPT-4" not "4K" or "46%".
  function termsOf(word, terms) {
    var parts = wordParts(word);
    return terms.filter(function (term) {
      return parts.some(function (part) {
        var shared = sharedPrefix(part, term);
        var alike =
          term.length >= 4 &&
          (shared === term.length ||
            (shared >= 4 &&
              terms.every(function (other) {
                return sharedPrefix(part, other) <= shared;
              })));
        return alike || sameStem(part, term);
      });
    });
  }

  // Whether one word is the other and an English ending, a final "y" read as "i" ("body",
  // "bodies").
  function sameStem(a, b) {
    a = a.replace(/y$/, "i");
    b = b.replace(/y$/, "i");
    var shorter = a.length < b.length ? a : b;
    var longer = a.length < b.length ? b : a;
    var ending = longer.slice(shorter.length);
    return longer.startsWith(shorter) && (ending === "" || ENDINGS.has(ending));
  }

  // The term a word opens most alike with, or null. Where no word opens like a term, Pagefind
  // backs off to shorter openings ("xyzzy" finds "X", "atention" finds "at"): the word was
  // found for that term, and stands for nothing.
  function nearestTerm(word, terms) {
    var parts = wordParts(word);
    var best = null;
    var bestLength = 0;
    for (var t = 0; t < terms.length; t++) {
      for (var p = 0; p < parts.length; p++) {
        var shared = sharedPrefix(parts[p], terms[t]);
        if (shared > bestLength) {
          best = terms[t];
          bestLength = shared;
        }
      }
    }
    return best;
  }

  // Credits ``word``, found at a ``place`` worth that much, to ``standsFor``, the terms it stands
  // for (termsOf): each term's best credit is kept in ``held``, in ``spelled`` whether it is the
  // term itself; returns what the word earned.
  function credit(held, spelled, word, standsFor, place) {
    var earned = 0;
    standsFor.forEach(function (term) {
      if (isTerm(word, term)) {
        spelled[term] = true;
      }
      var worth = place * (spells(word, term) ? 1 : STEM_SHARE);
      held[term] = Math.max(held[term] || 0, worth);
      earned += worth;
    });
    return earned;
  }

  // The papers of one group that the query found, as {id, title, excerpt, score}. Pagefind
  // finds pages holding every word of the query, and a group is a page: of its papers, only
  // those holding every word Pagefind found in the group are listed, as if each paper were a
  // page. (Pagefind finds nothing for some words, such as "$\mathbb{X}$": those are left out.)
  // ``heldAnywhere`` records, for each term Pagefind found a word for, whether a paper holds it;
  // with ``everyWord``, a paper is listed only if it holds every term; with ``anyWord``, if it
  // holds one.
  function papersOf(group, terms, heldAnywhere, everyWord, anyWord) {
    var words = wordsOf(group.raw_content);
    var asked = {}; // the terms Pagefind found a word for in this group
    var sections = [];
    for (var i = 0; i < group.sub_results.length; i++) {
      var section = group.sub_results[i];
      if (!(section.anchor && section.anchor.id)) {
        continue;
      }
      // A paper's score: for each term, the best credit one of its words earns, summed; so
      // papers with more of the query in their title come first, however often a title repeats
      // one word of it. A title word earns TITLE_CREDIT, a word of the abstract 1; a word that
      // shares only the term's stem ("multiple" for "multiplication") earns half. Which words
      // the title holds is read from the title itself, any word Pagefind found in the paper:
      // its weights halve a hyphenated word's ("Multiplication-Free" below a title's
      // "Multiple"), and for a quoted phrase it may give the phrase's place in the abstract only.
      var held = {}; // term -> the best credit of its words
      var spelled = {};
      var total = 0;
      var found = {}; // the parts of the words Pagefind found in the paper, lower-cased
      var places = []; // where those words are
      var inAbstract = []; // those of the abstract, each with the terms its word stands for
      var title = section.title.split(/\s+/);
      var titleEnd = section.anchor.location + title.length;
      var end = sectionEnd(group, section, words);
      for (var l = 0; l < section.weighted_locations.length; l++) {
        var location = section.weighted_locations[l].location;
        var word = words[location] || "";
        if (location >= end) {
          // The paper's arXiv id, after its abstract (sectionEnd): it names the paper as its
          // title does, but only whole ("2312.00752", its last part as typed so far): asked
          // "2312", Pagefind finds every id of December 2023 by its first part. Never in an
          // excerpt, being no word of the abstract.
          if (isWholeId(word, terms)) {
            var id = termsOf(word, terms);
            id.forEach(function (term) {
              asked[term] = true;
            });
            total += credit(held, spelled, word, id, TITLE_CREDIT);
          }
          continue;
        }
        var standsFor = termsOf(word, terms);
        if (!standsFor.length) {
          var term = nearestTerm(word, terms);
          if (term !== null) {
            asked[term] = true;
          }
          continue;
        }
        standsFor.forEach(function (term) {
          asked[term] = true;
        });
        places.push(section.weighted_locations[l]);
        if (location >= titleEnd) {
          inAbstract.push({ place: section.weighted_locations[l], terms: standsFor });
        }
        wordParts(word).forEach(function (part) {
          found[part] = true;
        });
        if (location >= titleEnd) {
          total += credit(held, spelled, word, standsFor, 1);
        }
      }
      var titled = 0; // words of the title that stand for a term
      var titleMarks = []; // for each word of the title, whether it stands for a term
      var inTitle = {}; // the terms a word of the title stands for
      for (var w = 0; w < title.length; w++) {
        var isFound = wordParts(title[w]).some(function (part) {
          return part in found;
        });
        var standing = isFound ? termsOf(title[w], terms) : [];
        var earned = credit(held, spelled, title[w], standing, TITLE_CREDIT);
        total += earned;
        titled += earned > 0 ? 1 : 0;
        titleMarks.push(standing.length > 0);
        standing.forEach(function (term) {
          inTitle[term] = true;
        });
      }
      // Ties go first to the title the query fills most ("Continual learning with hypernetworks"
      // before "Continual Learning with Dependency Preserving Hypernetworks"), then to the paper
      // holding the query's words most often.
      var tieBreak = (COVERAGE_CREDIT * titled) / title.length + total / 100;
      // Pagefind's excerpt marks every word it found, "46%" for the "4" of "GPT-4" and
      // "architecture" for "ARC" among them: with any word that stands for no term, the excerpt
      // is made again for those that do, as for papers holding some words (mergedData).
      var joiner = group.raw_content.includes("\u200B") ? "" : " ";
      // Pagefind's own excerpt of a paper with an arXiv id may run on into it: made again too.
      var hasId = end < paperEnd(group, section, words);
      var excerpt = section.excerpt;
      if (places.length < section.weighted_locations.length || hasId) {
        excerpt = excerptOf(words, joiner, places, section.anchor.location, end);
      }
      excerpt = withoutTitle(excerpt, section.title);
      // Pagefind's excerpt goes where the words found weigh most, and a title's words weigh the
      // most: a paper found in its title and late in its abstract got the abstract's opening,
      // marking nothing ("Attention as an RNN" for "efficient attention", "efficient" in its
      // sixth sentence). Its excerpt is then made of the abstract around its first word for a
      // term the title does not show (else its first word found), marking every word found.
      if (inAbstract.length && !excerpt.includes("<mark>")) {
        var first =
          inAbstract.find(function (found) {
            return found.terms.some(function (term) {
              return !inTitle[term];
            });
          }) || inAbstract[0];
        excerpt = excerptOf(
          words,
          joiner,
          inAbstract.map(function (found) {
            return found.place;
          }),
          titleEnd,
          end,
          [{ location: first.place.location, balanced_score: 1 }]
        );
      }
      sections.push({
        section: section,
        excerpt: excerpt,
        held: held,
        spelled: spelled,
        tieBreak: tieBreak,
        titleMarks: titleMarks,
        titleEnd: titleEnd,
        end: end,
      });
    }
    Object.keys(asked).forEach(function (term) {
      heldAnywhere[term] =
        heldAnywhere[term] ||
        sections.some(function (section) {
          return term in section.held;
        });
    });
    var required = everyWord ? terms : Object.keys(asked);
    var papers = [];
    for (var s = 0; s < sections.length; s++) {
      var paper = sections[s];
      var holdsAll = required.every(function (term) {
        return term in paper.held;
      });
      // A paper holding no term is never listed: found for a part of its arXiv id alone, it
      // holds all of none, when the group holds no word of the query otherwise.
      if (Object.keys(paper.held).length === 0 || (!anyWord && !holdsAll)) {
        continue;
      }
      var score = paper.tieBreak;
      for (var t in paper.held) {
        score += paper.held[t];
      }
      papers.push({
        id: paper.section.anchor.id,
        title: paper.section.title,
        titleMarks: paper.titleMarks,
        excerpt: withEllipses(paper.excerpt, words.slice(paper.titleEnd, paper.end)),
        score: score,
        holds: Object.keys(paper.held),
        spelled: paper.spelled,
      });
    }
    return papers;
  }

  // A group's words as Pagefind numbers them: split at zero-width spaces in text it segmented
  // (Chinese, Japanese), else at white space.
  function wordsOf(content) {
    return content.includes("\u200B") ? content.split("\u200B") : content.split(/[\r\n\s]+/g);
  }

  // Where a paper's words end: where the next paper's heading starts, or before, where its
  // arXiv id does (papersite.search writes it after the abstract, an anchor of its own).
  function sectionEnd(group, section, words) {
    return (group.anchors || []).reduce(function (end, anchor) {
      return anchor.location > section.anchor.location ? Math.min(end, anchor.location) : end;
    }, words.length);
  }

  // Where Pagefind ends a paper: where the next paper's heading starts, its arXiv id included.
  function paperEnd(group, section, words) {
    return (group.anchors || []).reduce(function (end, anchor) {
      return isPaper(anchor) && anchor.location > section.anchor.location
        ? Math.min(end, anchor.location)
        : end;
    }, words.length);
  }

  // Whether an anchor of Pagefind's starts a paper: its heading, not its arXiv id's element.
  function isPaper(anchor) {
    return Boolean(anchor.id) && /^h\d$/i.test(anchor.element || "");
  }

  // An arXiv id in a query, as a reader pastes it: "2312.00752", "arXiv:2312.00752", its
  // address on arXiv, "https://arxiv.org/abs/2312.00752v2" (or pdf/, html/, the scheme left
  // out) or on Hugging Face, whose Daily Papers the site is made from
  // ("https://huggingface.co/papers/2312.00752"); an old id, "hep-th/9901001", too.
  var ARXIV_ID = new RegExp(
    "(^|\\s)(?:(?:https?://)?(?:www\\.)?" +
      "(?:arxiv\\.org/(?:abs|pdf|html)|huggingface\\.co/papers)/|arxiv:\\s*)?" +
      "(\\d{4}\\.\\d{4,5}|[a-z-]+(?:\\.[a-z]{2})?/\\d{7})(?:v\\d+)?(?:\\.pdf)?/?(?=\\s|$)",
    "gi"
  );

  // ``query`` with each arXiv id as papersite indexes it: bare, without its version. Pagefind
  // found "arXiv:2312.00752" nowhere (the word is indexed whole and by its parts, "arxiv",
  // "2312", "00752"), nor "2312.00752v2".
  function bareArxivIds(query) {
    return query.replace(ARXIV_ID, "$1$2");
  }

  // Whether a paper's arXiv id (``word``) is the query's whole: each of its parts a term, the
  // last as typed so far.
  function isWholeId(word, terms) {
    var parts = wordParts(word);
    return parts.every(function (part, i) {
      return terms.some(function (term) {
        var typing = i === parts.length - 1 && term.length >= 4;
        return part === term || (typing && part.startsWith(term));
      });
    });
  }

  // A paper's excerpt as Pagefind makes one, for ``locations``, the places of the words found
  // in it: up to EXCERPT words of the paper (``start`` to ``end`` of ``words``, joined by
  // ``joiner``) around those places, with those words in <mark>. Pagefind makes a paper's
  // excerpt for the words one search found, which is one term when each term is asked alone
  // (anyWordGroups). Its choice of words is followed to the letter (Pagefind 1.5's
  // calculate_sub_results and build_excerpt), so these excerpts read as its own do. ``around``,
  // when given, are the places the excerpt is chosen for in their stead (those it marks still).
  function excerptOf(words, joiner, locations, start, end, around) {
    var from = start + excerptRegion(around || locations, start);
    // A paper followed by another is cut at its heading; the last, which runs to the end of the
    // group, starts early enough to fill the excerpt.
    var length = end < words.length ? Math.min(end - from, EXCERPT) : EXCERPT;
    length = Math.min(length, end - start);
    from = Math.max(start, Math.min(from, end - length));
    var shown = words.slice(from, from + length);
    locations.forEach(function (place) {
      var at = place.location - from;
      if (at >= 0 && at < shown.length && !shown[at].startsWith("<mark>")) {
        shown[at] = "<mark>" + shown[at] + "</mark>";
      }
    });
    return shown.join(joiner).trim();
  }

  // Where, from ``start``, Pagefind's excerpt of ``locations`` starts: at the middle of the run
  // of windows of EXCERPT words that hold the most of their score (at ``start`` when the
  // first window holds them all, as Pagefind's calculate_excerpt_region does).
  function excerptRegion(locations, start) {
    var weight = [];
    locations.forEach(function (place) {
      var at = place.location - start;
      weight[at] = (weight[at] || 0) + (place.balanced_score || 0);
    });
    if (weight.length <= EXCERPT) {
      return 0;
    }
    var sum = 0;
    for (var i = 0; i < EXCERPT; i++) {
      sum += weight[i] || 0;
    }
    var best = sum;
    var bestAt = [0];
    for (var at = 0; at < weight.length; at++) {
      sum += (weight[at + EXCERPT] || 0) - (weight[at] || 0);
      if (sum > best) {
        best = sum;
        bestAt = [at];
      } else if (sum === best && bestAt[bestAt.length - 1] === at - 1) {
        bestAt.push(at);
      }
    }
    return bestAt[Math.floor(bestAt.length / 2)];
  }

  // A marked word of an excerpt and the punctuation about it: Pagefind marks a word as the text
  // splits at spaces ("<mark>model.</mark>", "<mark>(naïve)</mark>"). The word runs from its
  // first letter or digit to its last (a hyphenated word's hyphens inside it, an accent's
  // combining mark with its letter); in the escaped text, an entity (&lt;) is punctuation.
  var MARKED =
    /<mark>((?:&\w+;|[^\p{L}\p{N}\p{M}<])*)([^<]*?)((?:&\w+;|[^\p{L}\p{N}\p{M}<])*)<\/mark>/gu;

  // ``excerpt`` with only the words marked, the punctuation about them left outside the marks.
  function markWords(excerpt) {
    return excerpt.replace(MARKED, function (whole, before, word, after) {
      return word ? before + "<mark>" + word + "</mark>" + after : whole;
    });
  }

  // A word of a title as shown: its letters from first to last, with the punctuation about it
  // (as markWords leaves it outside the marks).
  var TITLE_WORD = /^([^\p{L}\p{N}\p{M}]*)([\s\S]*?)([^\p{L}\p{N}\p{M}]*)$/u;

  // ``title`` as nodes to show, the words ``marks`` says stand for a query word in <mark>, as
  // the excerpt marks its own: a paper found by its title alone shows why (the excerpt below
  // it, the abstract's, may mark nothing). Text nodes only: the title is a paper's text.
  function markedTitle(title, marks) {
    var shown = document.createDocumentFragment();
    title.split(/(\s+)/).forEach(function (piece, i) {
      var parts = i % 2 === 0 && (marks || [])[i / 2] ? TITLE_WORD.exec(piece) : null;
      if (!parts || !parts[2]) {
        shown.append(piece);
        return;
      }
      var mark = document.createElement("mark");
      mark.textContent = parts[2];
      shown.append(parts[1], mark, parts[3]);
    });
    return shown;
  }

  function byScore(a, b) {
    return b.score - a.score || (a.id < b.id ? -1 : 1);
  }

  // Papers holding more of the query's terms first, then by score.
  function byHolding(a, b) {
    return b.holds.length - a.holds.length || byScore(a, b);
  }

  // English words too common to say what a paper is about. Pagefind indexes them, and every
  // paper holds them: at 50,000 papers a pasted title's "we" alone fetched an index chunk of
  // 166 KB (BENCHMARKS.md, rows g), and each listed paper had to hold them.
  var COMMON = new Set(
    ("a an and are as at be by for from has have in into is it its of on or our that the their " +
      "this to via we what when which while with").split(" ")
  );

  // The words Pagefind is asked for: the query without common words, on an English site,
  // unless nothing else is left. A query with a quoted phrase is left as it is: Pagefind finds
  // the phrase word for word ("mixture of experts", not "mixture experts"). Typographic quotes,
  // which phones type for ", are Pagefind's quotes too.
  function searchWords(query) {
    query = bareArxivIds(query.replace(/[\u201C\u201D\u201E]/g, '"'));
    if (!/^en\b/i.test(document.documentElement.lang || "en") || query.includes('"')) {
      return query;
    }
    var kept = query.split(/\s+/).filter(function (word) {
      return !COMMON.has(word.toLowerCase().replace(/[^a-z]/g, ""));
    });
    return kept.length ? kept.join(" ") : query;
  }

  // A hyphenated word of a query, up to its hyphen.
  var HYPHENATED = /([\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu;

  // The query with its hyphenated words apart, as searchWords leaves it. Its arXiv ids are bared
  // first: apart, "arXiv:hep-th/9901001" or its address is no id, and "arxiv", "https", "org"
  // were words to find.
  function apartWords(query) {
    return searchWords(bareArxivIds(query).replace(HYPHENATED, "$1 "));
  }

  // Pagefind's groups for ``query``, best first, given ``found``, its answer to
  // searchWords(query); for a quoted phrase, each read with every place of the phrase
  // (phraseData).
  async function groupsFor(module, query, found) {
    var phrase = PHRASE.exec(searchWords(query));
    var groups = await groupsHolding(module, query, found);
    if (!phrase) {
      return groups;
    }
    var terms = wordParts(phrase[1]);
    return groups.map(function (group) {
      var data = group.data.bind(group);
      return {
        id: group.id,
        score: group.score,
        everyWord: group.everyWord,
        data: function () {
          return data().then(function (loaded) {
            return phraseData(loaded, terms);
          });
        },
      };
    });
  }

  // A query that is one quoted phrase, which Pagefind searches for word for word (its own test).
  var PHRASE = /^\s*"(.+)"\s*$/;

  // Whether a part of a word (wordParts) is a phrase's term: the term as typed so far, or with
  // an English ending; a term of three letters or fewer only whole ("of" is not "offers").
  function isPhraseWord(part, term) {
    return (term.length >= 4 && part.startsWith(term)) || sameStem(part, term);
  }

  // A group as a quoted phrase finds its papers: each paper holding the phrase, with every place
  // it holds it. Pagefind finds the groups holding a phrase, but gives only the first place of
  // it in a page, and a group is a page of papers: "deep neural" listed 26 of the 41 papers
  // holding it, one per group, "MambaMixer: Efficient Selective State Space Models" none
  // (another paper of its group holds the phrase first). So the phrase's places are read from
  // the group's words, in each paper apart (a phrase does not run from an abstract into the
  // next title), a hyphenated word's parts counting as words ("state-space" for "state space");
  // Pagefind's own place is kept, which it finds by the words' stems ("modeling" for "models").
  function phraseData(data, terms) {
    if (terms.length < 2 || data.raw_content.includes("\u200B")) {
      return data; // a word is found whole; a segmented text's words are not told apart here
    }
    var words = wordsOf(data.raw_content);
    var pagefindFound = {};
    data.sub_results.forEach(function (section) {
      section.weighted_locations.forEach(function (place) {
        pagefindFound[place.location] = true;
      });
    });
    var sections = [];
    (data.anchors || []).forEach(function (anchor) {
      if (!isPaper(anchor)) {
        return;
      }
      var end = sectionEnd(data, { anchor: anchor }, words);
      var parts = []; // the paper's words' parts, each with where its word is
      for (var at = anchor.location; at < end; at++) {
        wordParts(words[at] || "").forEach(function (part) {
          parts.push({ part: part, location: at });
        });
      }
      var found = {};
      for (var i = 0; i + terms.length <= parts.length; i++) {
        var k = 0;
        while (k < terms.length && isPhraseWord(parts[i + k].part, terms[k])) {
          k++;
        }
        for (var j = 0; k === terms.length && j < k; j++) {
          found[parts[i + j].location] = true;
        }
      }
      for (var place = anchor.location; place < end; place++) {
        if (pagefindFound[place]) {
          found[place] = true;
        }
      }
      var places = Object.keys(found)
        .map(Number)
        .sort(function (a, b) {
          return a - b;
        })
        .map(function (location) {
          return { location: location, weight: 1, balanced_score: 1 };
        });
      if (places.length) {
        sections.push({
          title: anchor.text,
          anchor: anchor,
          weighted_locations: places,
          excerpt: excerptOf(words, " ", places, anchor.location, end),
        });
      }
    });
    return { raw_content: data.raw_content, anchors: data.anchors, sub_results: sections };
  }

  // Pagefind's groups for ``query`` (groupsFor), each read as Pagefind hands it. Pagefind
  // indexes a hyphenated word whole and by its first part ("RDT-1B" as "rdt1b" and "rdt"),
  // while papers write many a compound both ways: asked for "mixture-of-experts" it found one
  // paper of the five "mixture of experts" finds. So a query with a hyphenated word is asked
  // with its words apart too, and the groups of both are read. A group both find is read as the
  // words apart found it: Pagefind hands over one object for a page, whichever search asks,
  // holding the places the last of them found.
  async function groupsHolding(module, query, found) {
    var apart = apartWords(query);
    if (apart === searchWords(query)) {
      return holdingWholeWords(module, query, await withCitedIds(module, query, found.results));
    }
    var also = await module.search(apart);
    var alsoFound = {};
    also.results.forEach(function (group) {
      alsoFound[group.id] = true;
    });
    // Asked whole, Pagefind backs off to the first word when no paper hyphenates it so
    // ("sparse-memory" finds "sparse"): a paper of those groups is listed only if it holds
    // every word.
    var whole = found.results
      .filter(function (group) {
        return !(group.id in alsoFound);
      })
      .map(function (group) {
        var data = group.data.bind(group);
        return { id: group.id, score: group.score, everyWord: true, data: data };
      });
    var groups = whole.concat(also.results).sort(byGroupScore);
    return holdingWholeWords(module, query, await withCitedIds(module, query, groups));
  }

  function byGroupScore(a, b) {
    return b.score - a.score;
  }

  // The query with its arXiv ids as an abstract cites them, "arXiv:2312.00752", or null when it
  // holds none (or a quoted phrase, which Pagefind reads word for word).
  function citedIds(query) {
    var words = searchWords(query);
    var cited = words.includes('"') ? words : words.replace(ARXIV_ID, "$1arXiv:$2");
    return cited === words ? null : cited;
  }

  // ``groups`` and those holding the query's arXiv ids as abstracts cite them. Pagefind finds a
  // word whole before its parts: with a paper's own id indexed bare (papersite.search),
  // "2312.00752" no longer found an abstract's "arXiv:2312.00752", one word to Pagefind. So a
  // query holding an id is asked in that form too, as groupsHolding asks a hyphenated word's
  // parts. A group both find is read with the places of both (mergedData: Pagefind hands over
  // one object for a page, holding the places the last search found); one only the cited form
  // finds lists only papers holding every word (Pagefind backs off to "arxiv" alone when no
  // abstract cites the id so).
  async function withCitedIds(module, query, groups) {
    var cited = citedIds(query);
    if (!cited) {
      return groups;
    }
    var also = await module.search(cited);
    var terms = wordParts(apartWords(query));
    var byId = {};
    groups.forEach(function (group) {
      byId[group.id] = group;
    });
    var added = [];
    also.results.forEach(function (result) {
      var group = byId[result.id];
      if (group) {
        byId[result.id] = {
          id: group.id,
          score: group.score,
          everyWord: group.everyWord,
          data: mergedData.bind(null, [group, result], terms),
        };
      } else {
        var data = result.data.bind(result);
        added.push({ id: result.id, score: result.score, everyWord: true, data: data });
      }
    });
    return groups
      .map(function (group) {
        return byId[group.id];
      })
      .concat(added)
      .sort(byGroupScore);
  }

  // Whether a term is a short word, which termsOf takes only whole: asked "arc", Pagefind finds
  // every group holding "architecture" too. With a digit it is left alone, Pagefind indexing
  // "GPT-4" as "gpt4" and "gpt", never "4".
  function isShortWord(term) {
    return term.length < 4 && /^\p{L}+$/u.test(term);
  }

  // A term as Pagefind is asked for it alone: a short word in quotes, which Pagefind matches
  // word for word (by its stem: "arcs" for "arc"), not as the opening of longer words.
  function asAsked(term) {
    return isShortWord(term) ? '"' + term + '"' : term;
  }

  // Of ``groups``, those holding each short word of ``query`` whole. Asked "arc", Pagefind lists
  // the groups holding "architecture" with those holding "ARC", in no order that puts "ARC"
  // first (the 16th of 46 groups in the shipped papers): read eight at a time, the first
  // batch held no "ARC", which looked like Pagefind backing off, and the search ended with
  // nothing. So each short word is asked again whole, an index chunk the first search already
  // fetched, and only the groups holding it are read; a short word no paper holds finds nothing
  // at once. A quoted phrase Pagefind already matches word for word.
  async function holdingWholeWords(module, query, groups) {
    if (searchWords(query).includes('"')) {
      return groups;
    }
    var short = wordParts(apartWords(query)).filter(isShortWord);
    var answers = await Promise.all(
      short.map(function (term) {
        return module.search(asAsked(term));
      })
    );
    var holding = answers.map(function (found) {
      return new Set(
        found.results.map(function (group) {
          return group.id;
        })
      );
    });
    return groups.filter(function (group) {
      return holding.every(function (ids) {
        return ids.has(group.id);
      });
    });
  }

  // The groups holding any of ``terms``, each asked of Pagefind alone (a short word whole:
  // asAsked): those that more terms find first. A group's data holds the places every term
  // found in it. The searches run at once, each waiting on its own part of the index; their
  // answers are taken in the terms' order, whatever order they come in, so groups tied on both
  // counts keep one order.
  async function anyWordGroups(module, terms) {
    var answers = await Promise.all(
      terms.map(function (term) {
        return module.search(asAsked(term));
      })
    );
    var groups = {};
    answers.forEach(function (found, t) {
      found.results.forEach(function (result) {
        var group = groups[result.id];
        if (!group) {
          group = groups[result.id] = { id: result.id, score: 0, terms: [], found: [] };
        }
        group.score += result.score;
        group.terms.push(terms[t]);
        group.found.push(result);
      });
    });
    return Object.values(groups)
      .sort(function (a, b) {
        return b.terms.length - a.terms.length || b.score - a.score;
      })
      .map(function (group) {
        return { terms: group.terms, data: mergedData.bind(null, group.found, terms) };
      });
  }

  // One group as the searches that found it read it: each paper's places, those of every search,
  // and its excerpt made again for them all, marking the words of every term (``terms``) it
  // holds. (Pagefind, without its worker, hands over one object for a page whichever search
  // asks, holding the places the last found: each is copied before the next search's are read.)
  async function mergedData(found, terms) {
    var merged = null;
    var sections = {};
    for (var f = 0; f < found.length; f++) {
      var data = await found[f].data();
      if (!merged) {
        merged = { raw_content: data.raw_content, anchors: data.anchors, sub_results: [] };
      }
      data.sub_results.forEach(function (section) {
        var id = section.anchor && section.anchor.id;
        if (!id) {
          return;
        }
        if (!(id in sections)) {
          sections[id] = Object.assign({}, section, { weighted_locations: [] });
          merged.sub_results.push(sections[id]);
        }
        sections[id].weighted_locations = sections[id].weighted_locations.concat(
          section.weighted_locations
        );
      });
    }
    if (merged) {
      var words = wordsOf(merged.raw_content);
      var joiner = merged.raw_content.includes("\u200B") ? "" : " ";
      merged.sub_results.forEach(function (section) {
        // Only words that stand for a term: where Pagefind backed off to a term's first
        // letters, the word it found is not the reader's.
        var end = sectionEnd(merged, section, words);
        var places = section.weighted_locations.filter(function (place) {
          return place.location < end && termsOf(words[place.location] || "", terms).length > 0;
        });
        section.excerpt = excerptOf(words, joiner, places, section.anchor.location, end);
      });
    }
    return merged;
  }

  // One query's results, read a few groups at a time. ``widen``, when given, is asked for the
  // groups of any of the terms once no paper holds them all (anyWordGroups): a query no paper
  // answers whole, such as the words of a renamed paper's old address ("v2", a title word it
  // lost), then lists the papers holding the most of them.
  function Results(query, groups, widen) {
    var terms = {};
    wordParts(apartWords(query)).forEach(function (term) {
      terms[term] = true;
    });
    this.terms = Object.keys(terms);
    this.groups = groups;
    this.read = 0;
    this.waiting = []; // papers read but not yet listed, best first
    this.held = {}; // term -> whether a paper of the groups read holds it
    this.spelled = {}; // term -> whether a paper found holds the term itself
    this.widen = widen || null;
    this.anyWord = false; // listing papers that hold some of the terms, most first
    this.listed = 0; // papers listed so far
    this.readFor = {}; // term -> a group its search found was read (anyWord)
  }

  // The terms no paper holds, once listing papers that hold some: those Pagefind found nothing
  // for, or found only words for that stand for none in a group it found (it backed off to their
  // first letters, as it does throughout the index).
  Results.prototype.unheld = function () {
    var self = this;
    return this.terms.filter(function (term) {
      var found = self.groups.some(function (group) {
        return group.terms.includes(term);
      });
      return !self.held[term] && (self.readFor[term] || !found);
    });
  };

  // The terms the papers found hold only words like, found by their stem ("continual" for
  // "continuation", "efficient" for "efficency").
  Results.prototype.near = function () {
    var self = this;
    return this.terms.filter(function (term) {
      return self.held[term] && !self.spelled[term];
    });
  };

  Results.prototype.hasMore = function () {
    return this.waiting.length > 0 || this.read < this.groups.length;
  };

  // The next ``count`` papers: the best of those read, reading more groups while too few wait.
  // Papers listed earlier stay where they are, as a reader expects of "More results".
  Results.prototype.next = async function (count) {
    for (var batches = 0; batches < BATCHES; batches++) {
      if (this.waiting.length >= count || this.read >= this.groups.length) {
        break;
      }
      var batch = this.groups.slice(this.read, this.read + GROUPS);
      this.read += batch.length;
      var loaded = await Promise.all(
        batch.map(function (group) {
          return group.data();
        })
      );
      for (var i = 0; i < loaded.length; i++) {
        var found = papersOf(loaded[i], this.terms, this.held, batch[i].everyWord, this.anyWord);
        found.forEach(function (paper) {
          Object.assign(this.spelled, paper.spelled);
        }, this);
        this.waiting = this.waiting.concat(found);
        (batch[i].terms || []).forEach(function (term) {
          this.readFor[term] = true;
        }, this);
      }
      var held = this.held;
      var unheld = Object.keys(held).some(function (term) {
        return !held[term];
      });
      var someHeld = Object.keys(held).some(function (term) {
        return held[term];
      });
      if (unheld && !(this.anyWord && someHeld)) {
        // Pagefind found words for a term in the groups read and no paper holds it: having no
        // word that opens like the term, it backed off to its first letters. No paper matches
        // (listing papers that hold some of the terms: when none holds any).
        this.read = this.groups.length;
        this.waiting = [];
        break;
      }
      this.waiting.sort(this.anyWord ? byHolding : byScore);
    }
    var none = this.listed === 0 && this.waiting.length === 0 && !this.hasMore();
    if (none && this.widen && this.terms.length > 1) {
      var widen = this.widen;
      this.widen = null;
      // A quoted phrase's common words, asked alone, would fetch the largest chunks of the index
      // and count for as much as the others.
      var rare = wordParts(searchWords(this.terms.join(" ")));
      this.terms = rare.length ? rare : this.terms;
      this.groups = await widen(this.terms);
      this.read = 0;
      this.held = {};
      this.spelled = {};
      this.anyWord = true;
      return this.next(count);
    }
    var papers = this.waiting.splice(0, count);
    this.listed += papers.length;
    return papers;
  };

  var pagefindLoading = null;

  function pagefind(root) {
    if (!pagefindLoading) {
      pagefindLoading = import(root + "pagefind/pagefind.js").then(async function (module) {
        // A group's length says nothing of the papers in it: rank groups by their words'
        // weighted count alone, so a group holding a paper with the word in its title is read
        // first (measured in BENCHMARKS.md, "Search payload").
        await module.options({
          baseUrl: root,
          excerptLength: EXCERPT,
          ranking: { termFrequency: 0.0 },
        });
        await module.init();
        return module;
      });
    }
    return pagefindLoading;
  }

  // What papersite leaves out of titles and abstracts (characters.HIDDEN), as they hide in a
  // word: in a query too. Pasted from a PDF ("l<U+00AD>earning", a soft hyphen) or a web page
  // (a zero-width space), a word the reader sees whole found nothing, or its halves.
  var HIDDEN = /[\u202A-\u202E\u2066-\u2069\u200B\u2060-\u2064\uFEFF\u00AD]/g;

  // ``query`` as the reader sees it.
  function visible(query) {
    return query.replace(HIDDEN, "").trim();
  }

  // The best ``count`` papers for ``query``, as their ids.
  async function rank(root, query, count) {
    query = visible(query);
    var module = await pagefind(root);
    var found = await module.search(searchWords(query));
    var groups = await groupsFor(module, query, found);
    var results = new Results(query, groups, anyWordGroups.bind(null, module));
    var papers = await results.next(count);
    return papers.map(function (paper) {
      return paper.id;
    });
  }

  function start() {
    var form = document.getElementById("ps-search");
    if (!form) {
      return;
    }
    // One leading slash: at an address with a doubled one (https://host//search/) the root would
    // be "//", which a browser reads as the start of another host's address.
    var root = new URL(form.getAttribute("data-root"), window.location.href).pathname
      .replace(/^\/+/, "/");
    var paperUrl = form.getAttribute("data-paper-url");
    var input = form.querySelector("input");
    var status = document.getElementById("ps-search-status");
    var list = document.getElementById("ps-search-results");
    var more = document.getElementById("ps-search-more");
    var current = null; // the Results being listed
    var asked = 0; // queries asked, so an answer to an older one is dropped

    // For benchmarks and tests.
    window.papersiteSearch = {
      rank: function (query, count) {
        return rank(root, query, count);
      },
      Results: Results,
      anyWordGroups: anyWordGroups,
      markWords: markWords,
    };

    function say(text) {
      status.textContent = text;
    }

    // A query as the status line quotes it: in quotation marks, without its own outer ones (a
    // "quoted phrase" is not shown in two pairs), and only its start when long, since the line
    // is read out whole to screen readers at each change.
    var OUTER_QUOTES = /^["\u201C\u201D\u201E]([^"\u201C\u201D\u201E]*)["\u201C\u201D]$/;
    function quoted(query) {
      var text = query.replace(OUTER_QUOTES, "$1").trim();
      if (text.length > QUOTED) {
        text = text.slice(0, QUOTED).replace(/\s+\S*$/, "") + "\u2026";
      }
      return "\u201c" + text + "\u201d";
    }

    function show(papers) {
      for (var i = 0; i < papers.length; i++) {
        var item = document.createElement("li");
        item.className = "ps-search-result";
        var link = document.createElement("a");
        link.href = root + paperUrl.replace("{id}", encodeURIComponent(papers[i].id));
        link.appendChild(markedTitle(papers[i].title, papers[i].titleMarks));
        var excerpt = document.createElement("p");
        // Pagefind's excerpt: the page's text with < and > escaped, matches in <mark>.
        excerpt.innerHTML = markWords(papers[i].excerpt);
        item.appendChild(link);
        item.appendChild(excerpt);
        list.appendChild(item);
      }
    }

    // ``fromButton``: asked for with "More results", which keeps the keyboard's place.
    async function showMore(results, query, fromButton) {
      more.disabled = true;
      var papers = await results.next(SHOWN);
      if (results !== current) {
        return;
      }
      var before = list.children.length;
      show(papers);
      var listed = list.children.length;
      remember({ listed: listed });
      var hasMore = results.hasMore();
      // The papers listed so far. While more can be listed, how many match is unknown (the
      // groups not read yet may hold any number): the count is of the first ones, not a total.
      var count = hasMore
        ? (listed === 1 ? "the first paper" : "the first " + listed + " papers")
        : listed + (listed === 1 ? " paper" : " papers");
      // Every message that lists papers ends alike: their order when there are several.
      var ending = hasMore
        ? ", best first; More results lists more."
        : (listed > 1 ? ", best first." : ".");
      if (listed === 0 && hasMore) {
        say("No papers found yet for " + quoted(query) + "; More results searches on.");
      } else if (listed === 0) {
        say("No papers match " + quoted(query) + ".");
      } else if (results.anyWord) {
        // The papers for some of the words: which, said first, as a reader expects all of them.
        var unheld = results.unheld();
        say(
          (unheld.length
            ? "No paper holds " + unheld.map(quoted).join(", ") + ": " + count +
              " for the other words"
            : "No paper holds every word of " + quoted(query) + ": " + count +
              " holding the most of them") + ending
        );
      } else {
        var near = results.near();
        var found = near.length
          ? "No paper holds " + near.map(quoted).join(", ") + ": " + count + " with words like " +
            (near.length > 1 ? "them" : "it")
          : count + " for " + quoted(query);
        say(found.charAt(0).toUpperCase() + found.slice(1) + ending);
      }
      more.hidden = !results.hasMore();
      more.disabled = false;
      if (fromButton) {
        // Disabled while it searched, the button lost the focus to the page: without this the
        // next Tab would skip the new papers. Focus goes to the first of them, else back.
        var first = list.children[before];
        if (first) {
          first.querySelector("a").focus();
        } else {
          (more.hidden ? input : more).focus();
        }
      }
    }

    // Kept in the page's entry of the history: ``fields`` with those kept already.
    function remember(fields) {
      window.history.replaceState(Object.assign({}, window.history.state, fields), "");
    }

    // ``back``: what the history entry kept when the page was left (remember), to list as many
    // papers again and scroll back to where the reader was.
    async function search(query, back) {
      query = visible(query);
      var mine = ++asked;
      var address = new URL(window.location.href);
      if (query) {
        address.searchParams.set("q", query);
      } else {
        address.searchParams.delete("q");
      }
      window.history.replaceState(null, "", address);
      current = null;
      list.replaceChildren();
      more.hidden = true;
      if (!query) {
        say("");
        return;
      }
      say("Searching\u2026");
      var module = await pagefind(root);
      var found = await module.debouncedSearch(searchWords(query), {}, 250);
      if (found === null || mine !== asked) {
        return; // a later query took its place
      }
      var groups = await groupsFor(module, query, found);
      if (mine !== asked) {
        return;
      }
      var results = (current = new Results(query, groups, anyWordGroups.bind(null, module)));
      await showMore(results, query);
      while (back && back.listed > list.children.length && results === current) {
        if (!results.hasMore()) {
          break;
        }
        await showMore(results, query);
      }
      if (back && back.scroll && results === current) {
        window.scrollTo(0, back.scroll);
      }
    }

    function report(error) {
      more.hidden = true;
      if (window.location.protocol === "file:") {
        // Browsers load no modules from files: the index needs the site served.
        say("Search needs the site served over HTTP, e.g. python3 -m http.server -d site.");
        return;
      }
      // The preview (papersite serve) builds no index, so a maintainer sees this there too.
      say("Search could not load its index (" + error + "). A preview from papersite serve has none.");
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    input.addEventListener("input", function () {
      search(input.value.trim()).catch(report);
    });
    more.addEventListener("click", function () {
      if (current) {
        showMore(current, input.value.trim(), true).catch(report);
      }
    });
    // Back on the page after opening a paper, the browser scrolled to where the reader was
    // before the papers were listed again, so to the top, and listed the first ten: the paper
    // opened after "More results" was not among them. The history entry keeps how many were
    // listed and where the page was scrolled, to be put back once the papers are listed.
    if ("scrollRestoration" in window.history) {
      window.history.scrollRestoration = "manual";
    }
    window.addEventListener("pagehide", function () {
      remember({ scroll: window.scrollY });
    });
    pagefind(root).catch(report);
    var query = new URLSearchParams(window.location.search).get("q");
    if (!query) {
      // Opened to search ("/"): the cursor in the field. With a query, not: a screen reader
      // reads the page, a phone shows the results, not its keyboard.
      input.focus();
    } else {
      input.value = query;
      search(query.trim(), window.history.state).catch(report);
    }
  }

  // At once when the form is read (the script follows it), so no key typed is lost.
  if (document.readyState === "loading" && !document.getElementById("ps-search")) {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
