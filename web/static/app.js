// The results page's enhancements; the page works without them (plain links and forms).
// Reading aid, autocomplete as an ARIA combobox, "/" to focus the box, and
// instant results from the JSON API as you type. No inline script anywhere:
// the Content-Security-Policy forbids it.
"use strict";

var INSTANT_DELAY_MS = 350;   // a pause in typing, not every key, asks the API
var SUGGEST_DELAY_MS = 150;
var MIN_INSTANT_CHARS = 2;

function showAid(aid) {
  document.querySelectorAll(".result, .result h2 a").forEach(function (box) {
    var own = box.querySelectorAll(":scope > .aid");
    if (!own.length) { return; }
    var wanted = box.querySelector(':scope > .aid[data-aid="' + aid + '"]') ? aid : "native";
    own.forEach(function (el) { el.hidden = el.dataset.aid !== wanted; });
  });
}

function savedAid() {
  try { return localStorage.getItem("aid"); } catch (e) { return null; }
}

function setUpReadingAid() {
  var box = document.getElementById("reading-aid");
  if (!box) { return; }
  box.addEventListener("change", function (event) {
    showAid(event.target.value);
    try { localStorage.setItem("aid", event.target.value); } catch (e) { /* private mode */ }
  });
  var saved = savedAid();
  var input = saved && box.querySelector('input[value="' + saved + '"]');
  if (input) { input.checked = true; showAid(saved); }
}

function setUpSuggestions(input) {
  var list = document.getElementById("suggestions");
  if (!list) { return; }
  var timer = null, active = -1;
  function items() { return list.querySelectorAll("[role=option]"); }
  function close() {
    list.hidden = true; list.textContent = ""; active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }
  function choose(text) {
    var words = input.value.replace(/\s+$/, "").split(/(\s+)/);
    words[words.length - 1] = text;
    input.value = words.join("");
    close();
    input.form.submit();
  }
  function highlight(index) {
    var options = items();
    active = index;
    options.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
    if (index >= 0) { input.setAttribute("aria-activedescendant", options[index].id); }
    else { input.removeAttribute("aria-activedescendant"); }
  }
  function render(suggestions) {
    list.textContent = "";
    suggestions.forEach(function (text, i) {
      var li = document.createElement("li");
      li.textContent = text;
      li.id = "suggestion-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(text); });
      list.appendChild(li);
    });
    active = -1;
    list.hidden = suggestions.length === 0;
    input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var value = input.value;
    if (!value.trim()) { close(); return; }
    timer = setTimeout(function () {
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(value))
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value === value) { render(data.suggestions || []); } })
        .catch(close);
    }, SUGGEST_DELAY_MS);
  });
  input.addEventListener("keydown", function (e) {
    var options = items();
    if (e.key === "Escape") { close(); return; }
    if (list.hidden || !options.length) { return; }
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      var step = e.key === "ArrowDown" ? 1 : options.length - 1;
      highlight(active < 0 && step !== 1 ? options.length - 1 : (active + step) % options.length);
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      choose(options[active].textContent);
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
}

function setUpSlashKey(input) {
  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || tag === "input" ||
        tag === "textarea" || tag === "select" || e.target.isContentEditable) { return; }
    e.preventDefault();
    input.focus();
    input.select();
  });
}

// --- instant results ---------------------------------------------------------

function element(tag, attrs, children) {
  var el = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
  (children || []).forEach(function (c) { el.append(c); });
  return el;
}

// The API's title_html and snippet are escaped HTML whose only tags are <mark>.
function marked(tag, attrs, html) {
  var el = element(tag, attrs);
  el.innerHTML = html;
  return el;
}

function renderHit(hit, query, form) {
  var href = "/article/" + encodeURIComponent(hit.id) + "?q=" + encodeURIComponent(query);
  var title = element("a", { href: href, title: hit.title },
                      [marked("span", { "class": "aid", "data-aid": "native" }, hit.title_html)]);
  var meta = element("p", { "class": "meta" }, [element("span", { "class": "badge" }, [form.getAttribute("data-lang-" + hit.lang) || hit.lang])]);
  if (hit.source_name) { meta.append(element("span", { "class": "source" }, [hit.source_name])); }
  meta.append(hit.published ? element("time", { datetime: hit.published.slice(0, 10) }, [hit.published.slice(0, 10)])
                            : element("span", { "class": "undated" }, ["undated"]));
  if (hit.url) { meta.append(element("a", { "class": "original", href: hit.url, rel: "noopener noreferrer" }, ["original"])); }
  var li = element("li", { "class": "result" + (hit.headline_only ? " headline" : "") },
                   [element("h2", { lang: hit.lang }, [title]), meta]);
  if (!hit.headline_only) {
    li.append(marked("p", { "class": "snippet aid", "data-aid": "native", lang: hit.lang }, hit.snippet));
  }
  return li;
}

function renderResults(data, form) {
  var summary = document.getElementById("summary");
  var results = document.getElementById("results");
  if (!summary || !results) { return false; }
  summary.textContent = "";
  summary.append(data.total.toLocaleString("en") + " result" + (data.total === 1 ? "" : "s") + " for ",
                 element("q", {}, [data.query]));
  results.textContent = "";
  results.setAttribute("start", String((data.page - 1) * data.per_page + 1));
  data.results.forEach(function (hit) { results.append(renderHit(hit, data.query, form)); });
  // what the page showed around the old query no longer holds: it comes back on Enter
  document.querySelectorAll(".pages, .notice, #noresults, #expansions, .chips, .more")
    .forEach(function (el) { el.hidden = true; });
  var live = document.getElementById("live");
  if (live) { live.textContent = data.total + " results"; }
  var aid = savedAid();
  if (aid) { showAid(aid); }
  return true;
}

function setUpInstantResults(input) {
  var form = input.form;
  if (!form || !form.dataset.apiUrl || !document.getElementById("results")) { return; }
  var timer = null, latest = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var value = input.value.trim();
    if (value.length < MIN_INSTANT_CHARS) { return; }
    timer = setTimeout(function () {
      var params = new URLSearchParams(new FormData(form));
      var ticket = ++latest;
      fetch(form.dataset.apiUrl + "?" + params.toString())
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data || ticket !== latest || !renderResults(data, form)) { return; }
          history.replaceState(null, "", form.action + "?" + params.toString());
          document.title = value + " · News search · ગુજરાતી · हिन्दी";
        })
        .catch(function () { /* the form still submits */ });
    }, INSTANT_DELAY_MS);
  });
}

document.addEventListener("DOMContentLoaded", function () {
  setUpReadingAid();
  var input = document.getElementById("q");
  if (!input) { return; }
  setUpSuggestions(input);
  setUpSlashKey(input);
  setUpInstantResults(input);
});
