// The editor's preview and character counter, beside a <textarea data-preview="ID"> (the share editor, a post
// format, a planned post). The counter counts as the post check's length rule does (guard/detectors/platform.py),
// from the rules the page gives in the JSON script "count-rules" (sharing.domain.counter_data): the network's limit
// and way of counting, the link the share will add (X: after a space, 23; Mastodon: on a line of its own, 23;
// Bluesky: in graphemes). The check on the server stays the one that blocks: when share.js has its answer for the
// text as it stands ("deelwijs:checked"), the server's count is shown. Without this file the page shows the
// server's count of the text it was sent.
(function () {
  "use strict";
  // Python's \w and \b (the guard uses the regex module: Unicode words); JavaScript's own are ASCII only.
  var W = "[\\p{L}\\p{M}\\p{N}\\p{Pc}]";
  var B = "(?:(?<=" + W + ")(?!" + W + ")|(?<!" + W + ")(?=" + W + "))";
  var WD = "[\\p{L}\\p{M}\\p{N}\\p{Pc}-]";
  var WDP = "[\\p{L}\\p{M}\\p{N}\\p{Pc}.+-]";
  var MAIL_END = "(?:nl|com|net|org|eu|be|nu|info)";
  var DOT = "(?:\\.|\\s?[\\[({](?:dot|punt)[\\])}]\\s?)";
  // guard/text.py's EMAIL, EMAIL_SPOKEN and URL, in the order the guard masks them: a link inside an address
  // ("info@lindehof.nl") is part of the address, not a link.
  var PATTERNS = [
    ["email", "(?<!" + WDP + ")" + WDP + "+(?:@|\\s?[\\[({]\\s?(?:at|apenstaartje)\\s?[\\])}]\\s?|\\s(?:at|apenstaartje)\\s(?=" +
      WD + "+(?:\\." + WD + "+)*\\." + MAIL_END + B + "))" + WD + "+(?:" + DOT + WD + "+)*" + DOT + "[a-z]{2,12}" + B],
    ["email", "(?<!" + WDP + ")" + WDP + "+(?:\\s(?:punt|dot)\\s" + WD + "+)*\\s(?:at|apenstaartje|@)\\s" + WD +
      "+(?:\\s(?:punt|dot)\\s" + WD + "+)*\\s(?:punt|dot)\\s" + MAIL_END + B],
    ["url", "(?:https?://|www\\.)[^\\s<>\"]+|" + B + "(?<!" + W + "[.-]*)[\\p{L}\\p{M}\\p{N}\\p{Pc}.-]+\\." +
      "(?:nl|com|org|net|eu|be|nu|info|io|social|care)(?:/[^\\s<>\"]*)?" + B],
  ].map(function (pair) { return [pair[0], new RegExp(pair[1], "giu")]; });
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter(undefined, {granularity: "grapheme"}) : null;

  function graphemes(text) {
    if (!segmenter) return Array.from(text);
    return Array.from(segmenter.segment(text), function (part) { return part.segment; });
  }
  function urlSpans(text) {
    var masked = [], urls = [];
    PATTERNS.forEach(function (entry) {
      var pattern = entry[1], found;
      pattern.lastIndex = 0;
      while ((found = pattern.exec(text)) !== null) {
        var start = found.index, end = start + found[0].length;
        var overlaps = masked.some(function (span) { return span[0] < end && span[1] > start; });
        if (!overlaps) {
          masked.push([start, end]);
          if (entry[0] === "url") urls.push([start, end]);
        }
      }
    });
    return urls.sort(function (a, b) { return a[0] - b[0]; });
  }
  function xWeight(cluster, light) {
    var points = Array.from(cluster), cp = cluster.codePointAt(0);
    if (points.length > 1 && points.some(function (c) { return c.codePointAt(0) >= 0x1F000 || c === "\u200d" || c === "\ufe0f"; })) return 2;
    return light.some(function (span) { return cp >= span[0] && cp <= span[1]; }) ? 1 : 2;
  }
  function count(text, how, urls, rules) {
    if (how === "chars") return Array.from(text).length;
    if (how === "graphemes") return graphemes(text).length;
    var rest = "", pos = 0, total = 0;
    urls.forEach(function (span) { rest += text.slice(pos, span[0]); total += rules.shortened_url; pos = span[1]; });
    rest += text.slice(pos);
    if (how === "mastodon") return total + Array.from(rest).length;
    return graphemes(rest).reduce(function (sum, cluster) { return sum + xWeight(cluster, rules.x_light); }, total);
  }
  // guard.length: {counted, limit, link} of a text on a network with the link the share adds, or null without a limit.
  function measure(text, network, link, rules) {
    var net = rules.networks[network];
    if (!net) return null;
    var urls = urlSpans(text);
    if (!link || net.link_apart) return {counted: count(text, net.how, urls, rules), limit: net.limit, link: 0};
    var joined = text + net.separator;
    var total = count(joined + link, net.how, urls.concat([[joined.length, joined.length + link.length]]), rules);
    return {counted: total, limit: net.limit, link: total - count(text, net.how, urls, rules)};
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }
  // The counter's state and words, as sharing.domain.counter says them.
  function describe(text, length, rules, networkName) {
    var words = rules.words;
    if (!length) return {state: "ok", text: fill(words.no_limit, {count: Array.from(text).length})};
    var values = {count: length.counted, limit: length.limit, link: length.link};
    var sentence = fill(length.link ? words.count_link : words.count, values);
    if (length.counted > length.limit) {
      values.over = length.counted - length.limit;
      values.network = networkName;
      return {state: "over", text: sentence + ". " + fill(words.over, values)};
    }
    if (length.counted >= rules.near * length.limit) {
      return {state: "near", text: sentence + ". " + fill(words.near, {left: length.limit - length.counted})};
    }
    return {state: "ok", text: sentence};
  }

  window.Deelwijs = window.Deelwijs || {};
  window.Deelwijs.measure = measure;

  var data = document.getElementById("count-rules");
  var text = document.querySelector("textarea[data-preview]");
  var counter = document.getElementById("char-counter");
  if (!data || !text || !counter) return;
  var rules = JSON.parse(data.textContent);
  var alert = document.getElementById("char-counter-alert");
  var shownText = document.getElementById("post-preview-text");
  var network = rules.network;
  var lastState = counter.classList.contains("over") ? "over" : counter.classList.contains("near") ? "near" : "ok";

  // A planned post's counter sits in the form under its text, where the writer looks.
  if (counter.parentNode !== text.parentNode) {
    text.insertAdjacentElement("afterend", counter);
    text.setAttribute("aria-describedby", ((text.getAttribute("aria-describedby") || "") + " char-counter").trim());
  }
  function show(length) {
    var net = rules.networks[network];
    var said = describe(text.value, length, rules, net ? net.name : "");
    counter.textContent = said.text;
    counter.className = "counter " + said.state;
    // Said aloud only when it changes: near the limit, over it, or back under it.
    if (alert && said.state !== lastState) alert.textContent = said.text;
    lastState = said.state;
  }
  function update() {
    if (shownText) shownText.textContent = text.value;
    show(measure(text.value, network, rules.link, rules));
  }
  text.addEventListener("input", update);
  text.addEventListener("deelwijs:checked", function (event) {
    if (event.detail.text === text.value && event.detail.length !== undefined) show(event.detail.length);
  });

  // The planned-post editor: the account chosen decides the network (the ambassadors' feed is LinkedIn).
  var account = text.form && text.form.elements.account;
  if (account && Object.keys(rules.targets).length) {
    account.addEventListener("change", function () {
      var target = rules.targets[account.value] || rules.targets[""];
      network = target.network;
      var label = document.getElementById("post-preview-network"), name = document.getElementById("post-preview-name");
      if (label) label.textContent = target.label;
      if (name) name.textContent = target.name;
      update();
    });
  }
  update();
})();
