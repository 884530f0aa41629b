// Flows: the pages' own small enhancements (the form's are in schema-forms.js, from Flows.Forms.AspNetCore).
// Every screen works without this file. Served from the host itself (the Content-Security-Policy allows nothing else).
(function () {
  "use strict";

  // A pick made with the mouse or a finger shows the chosen account at once. From the keyboard, arrow
  // keys change a closed dropdown's value as they move, so there the "Show" button decides (WCAG 3.2.2).
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    var select = form.querySelector("select");
    if (!select) { return; }
    var pointer = false;
    select.addEventListener("pointerdown", function () { pointer = true; });
    select.addEventListener("keydown", function () { pointer = false; });
    select.addEventListener("change", function () { if (pointer) { form.submit(); } });
  });

  // One-button forms (Validate, Delete, Enable…): pressed once, they say what is happening and wait.
  document.querySelectorAll("form.inline").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (form.getAttribute("aria-busy") === "true") { e.preventDefault(); return; }
      form.setAttribute("aria-busy", "true");
      var button = form.querySelector("button");
      if (button && button.getAttribute("data-busy")) {
        button.setAttribute("data-label", button.textContent);
        button.textContent = button.getAttribute("data-busy");
      }
      setTimeout(function () { if (button) { button.disabled = true; } }, 0);
    });
  });

  // The account search: the dropdown follows the text as it is typed, a page of matches from the API at a
  // time (the Find button does the same without the script). Status words are those of the pages (StatusText).
  document.querySelectorAll("input[data-account-search]").forEach(function (input) {
    var select = document.getElementById(input.getAttribute("aria-controls"));
    var status = document.getElementById(input.getAttribute("aria-describedby"));
    if (!select || !select.form) { return; }
    var address = input.getAttribute("data-account-search");
    var size = input.getAttribute("data-page-size");
    var kept = select.form.querySelector("input[type=hidden][name=find]");
    var words = { valid: "Valid", invalid: "Invalid", unavailable: "Not checked \u2014 unavailable" };
    var timer = null;
    var asked = 0;

    function say(text, count, more) {
      if (!status) { return; }
      var quoted = "\u201c" + text + "\u201d";
      status.textContent = !text
        ? (more ? "The first " + size + " accounts are listed. Type part of a label to find the others." : "Type part of a label to find an account.")
        : more ? "The first " + size + " accounts whose label contains " + quoted + " are listed. Type more to narrow them."
        : count === 0 ? "No account\u2019s label contains " + quoted + "."
        : "Accounts whose label contains " + quoted + ".";
    }

    function show(accounts, text, more) {
      var chosen = select.value;
      while (select.options.length > 0) { select.remove(0); }
      accounts.forEach(function (account) {
        var option = document.createElement("option");
        option.value = account.id;
        option.textContent = account.label + " \u2014 " + (account.secretsProblem ? "Secrets unreadable" : words[account.status.kind] || "Not validated");
        option.selected = account.id === chosen;
        select.appendChild(option);
      });
      if (!kept) {
        kept = document.createElement("input");
        kept.type = "hidden";
        kept.name = "find";
        select.form.insertBefore(kept, select.form.firstChild);
      }
      kept.value = text;
      kept.disabled = !text;
      say(text, accounts.length, more);
    }

    function search() {
      var text = input.value.trim();
      var ticket = ++asked;
      fetch(address + (text ? "&labelContains=" + encodeURIComponent(text) : ""), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (answer) {
          if (!answer.ok) { throw new Error("HTTP " + answer.status); }
          var more = /rel="next"/.test(answer.headers.get("Link") || "");
          return answer.json().then(function (accounts) { return { accounts: accounts, more: more }; });
        })
        .then(function (page) { if (ticket === asked) { show(page.accounts, text, page.more); } })
        .catch(function () { if (ticket === asked && status) { status.textContent = "The list could not be searched as you type; press Find."; } });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
  });

})();
