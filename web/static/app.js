// Reading aid (show snippets in Latin letters or the other script) and autocomplete.
// No inline script anywhere: the Content-Security-Policy forbids it.
"use strict";

function showAid(aid) {
  document.querySelectorAll(".result").forEach(function (result) {
    var wanted = result.querySelector('.snippet[data-aid="' + aid + '"]') ? aid : "native";
    result.querySelectorAll(".snippet").forEach(function (p) {
      p.hidden = p.dataset.aid !== wanted;
    });
  });
  try { localStorage.setItem("aid", aid); } catch (e) { /* private mode */ }
}

function setUpReadingAid() {
  var box = document.getElementById("reading-aid");
  if (!box) { return; }
  box.addEventListener("change", function (event) { showAid(event.target.value); });
  var saved = null;
  try { saved = localStorage.getItem("aid"); } catch (e) { /* private mode */ }
  var input = saved && box.querySelector('input[value="' + saved + '"]');
  if (input) { input.checked = true; showAid(saved); }
}

function setUpSuggestions() {
  var input = document.getElementById("q");
  var list = document.getElementById("suggestions");
  if (!input || !list) { return; }
  var timer = null, active = -1;
  function close() { list.hidden = true; list.textContent = ""; active = -1; }
  function render(items) {
    list.textContent = "";
    items.forEach(function (text, i) {
      var li = document.createElement("li");
      li.textContent = text;
      li.id = "suggestion-" + i;
      li.setAttribute("role", "option");
      li.addEventListener("mousedown", function (e) {
        e.preventDefault(); input.value = text; close(); input.form.submit();
      });
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
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
    }, 150);
  });
  input.addEventListener("keydown", function (e) {
    var items = list.querySelectorAll("li");
    if (list.hidden || !items.length) { return; }
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items.forEach(function (li, i) { li.classList.toggle("active", i === active); });
      input.setAttribute("aria-activedescendant", items[active].id);
    } else if (e.key === "Enter" && active >= 0) {
      input.value = items[active].textContent;
    } else if (e.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
}

document.addEventListener("DOMContentLoaded", function () {
  setUpReadingAid();
  setUpSuggestions();
});
