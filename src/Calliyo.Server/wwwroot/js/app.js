// Small enhancements of the server-rendered admin pages. Every page works without this file;
// it adds the phone menu, keyboard tabs, tag chips, modal dialogs, copy buttons and confirmations.
"use strict";

(function () {
  function setUpMenu() {
    const button = document.querySelector(".menu-button");
    const sidebar = document.querySelector(".sidebar");
    if (!button || !sidebar) {
      return;
    }

    button.hidden = false;
    button.addEventListener("click", function () {
      const open = sidebar.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // Tabs follow the WAI-ARIA tabs pattern: arrow keys move between tabs, and a tab shows its
  // panel without a reload. The tabs are links, so without this script they still work.
  function setUpTabs() {
    document.querySelectorAll("[data-tabs]").forEach(function (list) {
      const tabs = Array.from(list.querySelectorAll("[role=tab]"));

      function select(tab, focus) {
        tabs.forEach(function (other) {
          const selected = other === tab;
          other.setAttribute("aria-selected", selected ? "true" : "false");
          other.tabIndex = selected ? 0 : -1;
          const panel = document.getElementById(other.getAttribute("aria-controls"));
          if (panel) {
            panel.hidden = !selected;
          }
        });
        if (focus) {
          tab.focus();
        }
        history.replaceState(null, "", tab.getAttribute("href"));
      }

      tabs.forEach(function (tab, index) {
        tab.addEventListener("click", function (event) {
          event.preventDefault();
          select(tab, false);
        });
        tab.addEventListener("keydown", function (event) {
          let next = null;
          if (event.key === "ArrowRight") next = tabs[(index + 1) % tabs.length];
          if (event.key === "ArrowLeft") next = tabs[(index - 1 + tabs.length) % tabs.length];
          if (event.key === "Home") next = tabs[0];
          if (event.key === "End") next = tabs[tabs.length - 1];
          if (next) {
            event.preventDefault();
            select(next, true);
          }
        });
      });
    });
  }

  // A tag field: Enter (or a comma) turns the typed text into a chip, Backspace in the empty box
  // removes the last chip. The chips are posted as one hidden field, separated by commas.
  function setUpTagInputs() {
    document.querySelectorAll("[data-tag-input]").forEach(function (box) {
      const input = box.querySelector("input[type=text]");
      const list = box.querySelector(".tag-chips");
      const hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = input.name;
      input.removeAttribute("name");
      box.appendChild(hidden);

      const status = document.createElement("span");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      box.appendChild(status);

      let tags = split(input.value);
      input.value = "";

      function split(text) {
        return text.split(/[,;]/).map(function (tag) { return tag.trim(); }).filter(Boolean);
      }

      function render() {
        list.replaceChildren();
        tags.forEach(function (tag, index) {
          const item = document.createElement("li");
          item.className = "tag-chip";
          item.append(document.createTextNode(tag));
          const remove = document.createElement("button");
          remove.type = "button";
          remove.textContent = "×";
          remove.setAttribute("aria-label", "Remove tag " + tag);
          remove.addEventListener("click", function () {
            tags.splice(index, 1);
            render();
            status.textContent = "Removed tag " + tag + ".";
            input.focus();
          });
          item.append(remove);
          list.append(item);
        });
        hidden.value = tags.join(", ");
      }

      function addTyped() {
        const added = split(input.value).filter(function (tag) {
          return !tags.some(function (known) { return known.toLowerCase() === tag.toLowerCase(); });
        });
        input.value = "";
        if (added.length > 0) {
          tags = tags.concat(added);
          render();
          status.textContent = "Added tag " + added.join(", ") + ".";
        }
      }

      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === ",") {
          event.preventDefault();
          addTyped();
        } else if (event.key === "Backspace" && input.value === "" && tags.length > 0) {
          event.preventDefault();
          const removed = tags.pop();
          render();
          status.textContent = "Removed tag " + removed + ".";
        }
      });
      input.addEventListener("blur", addTyped);
      const form = box.closest("form");
      if (form) {
        form.addEventListener("submit", addTyped);
      }
      render();
    });
  }

  // A dialog that the server renders open (a token shown once) becomes modal, so the focus stays
  // inside it until the person confirms. The focus then returns to the page heading.
  function setUpDialogs() {
    document.querySelectorAll("dialog[data-modal][open]").forEach(function (dialog) {
      if (typeof dialog.showModal !== "function") {
        return;
      }

      dialog.close();
      dialog.showModal();
      const token = dialog.querySelector("[data-secret-token]");
      if (token) {
        token.focus();
        token.select();
      }
      dialog.addEventListener("close", function () {
        const heading = document.querySelector("main h1");
        if (heading) {
          heading.tabIndex = -1;
          heading.focus();
        }
      });
    });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }

    // Plain HTTP on a host other than localhost has no clipboard API; fall back to a selection.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand("copy");
    area.remove();
    return copied ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function setUpCopyButtons() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        const source = document.getElementById(button.getAttribute("data-copy"));
        const text = "value" in source && source.tagName !== "PRE" ? source.value : source.textContent;
        const scope = button.closest("dialog") || document;
        const status = scope.querySelector("[data-copy-status]");
        copyText(text).then(function () {
          if (status) status.textContent = "Copied to the clipboard.";
        }, function () {
          if (status) status.textContent = "Copying failed; select the text and copy it yourself.";
        });
      });
    });
  }

  function setUpConfirmations() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) {
          event.preventDefault();
        }
      });
    });
  }

  setUpMenu();
  setUpTabs();
  setUpTagInputs();
  setUpDialogs();
  setUpCopyButtons();
  setUpConfirmations();
})();
