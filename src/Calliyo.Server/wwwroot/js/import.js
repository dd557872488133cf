// The CSV import pages: upload, preview with a changeable column mapping, start, live progress
// over server-sent events, the summary and the error report, the list of past imports and one
// import's page. Everything goes through the /v1/imports API with the session cookie; requests
// that change something send the page's anti-forgery token in the RequestVerificationToken header.
//
// The API is read through normalizePreview and normalizeJob, which accept both field spellings
// in use (recordNumber or record, mapping or columns, duplicateExisting or duplicatesExisting,
// blank or blankRows), so a change of the API's JSON only needs those two functions adapted.
"use strict";

(function () {
  const API = "/v1/imports";
  const MAX_FILE_BYTES = 10 * 1024 * 1024;
  const FINISHED = ["completed", "failed", "cancelled"];
  const FIELDS = [
    ["firstName", "First name"],
    ["lastName", "Last name"],
    ["fullName", "Full name (split into first and last)"],
    ["phone", "Phone"],
    ["email", "Email"],
    ["status", "Status"],
    ["tags", "Tags"],
    ["ignore", "Ignore this column"],
  ];

  const numberFormat = new Intl.NumberFormat("en");
  const format = function (n) { return numberFormat.format(n || 0); };

  // ---- HTTP --------------------------------------------------------------------------------

  function antiforgeryToken() {
    const field = document.querySelector("input[name=__RequestVerificationToken]");
    return field ? field.value : "";
  }

  /** Sends a request with the session cookie; resolves to {status, ok, data} and never rejects on HTTP errors. */
  async function send(method, url, body) {
    const headers = { Accept: "application/json" };
    if (method !== "GET") {
      headers.RequestVerificationToken = antiforgeryToken();
    }
    if (body !== undefined && !(body instanceof FormData)) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(body);
    }

    let response;
    try {
      response = await fetch(url, { method: method, headers: headers, body: body, credentials: "same-origin" });
    } catch (error) {
      return { status: 0, ok: false, data: null, message: "The server could not be reached. Check the connection and try again." };
    }

    let data = null;
    const type = response.headers.get("Content-Type") || "";
    if (type.indexOf("json") >= 0) {
      data = await response.json().catch(function () { return null; });
    }
    return { status: response.status, ok: response.ok, data: data, message: errorMessage(response.status, data) };
  }

  function errorMessage(status, data) {
    if (data && data.error && data.error.message) {
      return data.error.message;
    }
    if (status === 401) return "Your session has ended. Sign in again.";
    if (status === 403) return "Only admins can import leads.";
    return "The request failed with HTTP " + status + ".";
  }

  /** Returns whether the import API is missing from this server: uploading or listing then returns 404 (or 405). */
  function apiMissing(result) {
    return result.status === 404 || result.status === 405;
  }

  const API_MISSING_TEXT = "Importing is not available on this server yet: the import API (" + API + ") does not exist here.";

  // ---- The API's JSON, normalized ----------------------------------------------------------

  function first() {
    for (let i = 0; i < arguments.length; i++) {
      if (arguments[i] !== undefined && arguments[i] !== null) return arguments[i];
    }
    return undefined;
  }

  function normalizePreview(preview) {
    const columns = (preview.mapping || preview.columns || []).map(function (column, position) {
      const field = column.field && column.field !== "ignore" ? column.field : null;
      return { index: first(column.index, position), header: column.header || "", field: field };
    });
    const counts = preview.counts || {};
    return {
      encoding: preview.encoding || "unknown",
      delimiter: preview.delimiter,
      columns: columns,
      ignoredColumns: preview.ignoredColumns || [],
      warnings: (preview.warnings || []).map(function (warning) { return typeof warning === "string" ? warning : warning.message; }),
      rows: (preview.rows || []).map(function (row) {
        return {
          record: first(row.recordNumber, row.record),
          line: row.line,
          fields: row.fields || [],
          verdict: row.verdict,
          duplicateOfRecord: row.duplicateOfRecord,
          existingLeadId: row.existingLeadId,
          errors: row.errors || [],
        };
      }),
      counts: {
        import: first(counts.import, 0),
        duplicateInFile: first(counts.duplicateInFile, counts.duplicatesInFile, 0),
        duplicateExisting: first(counts.duplicateExisting, counts.duplicatesExisting, 0),
        errors: first(counts.errors, 0),
        blank: first(counts.blank, counts.blankRows, 0),
      },
    };
  }

  function normalizeJob(job) {
    const counts = job.counts || {};
    const normalized = {
      id: job.id,
      status: job.status,
      fileName: job.fileName || null,
      rowsTotal: first(job.rowsTotal, 0),
      rowsProcessed: first(job.rowsProcessed, 0),
      counts: {
        imported: first(counts.imported, 0),
        duplicatesExisting: first(counts.duplicatesExisting, counts.duplicateExisting, 0),
        duplicatesInFile: first(counts.duplicatesInFile, counts.duplicateInFile, 0),
        errors: first(counts.errors, 0),
        blankRows: first(counts.blankRows, counts.blank, 0),
      },
      failure: job.failure || null,
      createdAt: job.createdAt || null,
      startedAt: job.startedAt || null,
      finishedAt: job.finishedAt || null,
    };
    normalized.summary = job.summary || summaryOf(normalized.counts);
    return normalized;
  }

  function summaryOf(counts) {
    const skipped = counts.duplicatesExisting + counts.duplicatesInFile;
    return format(counts.imported) + (counts.imported === 1 ? " lead" : " leads") + " imported, " +
      format(skipped) + " skipped (duplicate), " + format(counts.errors) + (counts.errors === 1 ? " error" : " errors");
  }

  // ---- Small DOM helpers -------------------------------------------------------------------

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else if (attributes[name] !== null && attributes[name] !== undefined) node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { node.append(child); });
    return node;
  }

  function countItem(label, value) {
    return element("li", {}, [element("strong", { text: format(value) }), " " + label]);
  }

  function showStatus(target, text, isError) {
    target.textContent = text;
    target.classList.toggle("error", !!isError);
  }

  function focusHeading(step) {
    const heading = step.querySelector("[data-focus]");
    if (heading) heading.focus();
  }

  // ---- Progress, shared by the import tab and an import's page ------------------------------

  function progressView(root) {
    const bar = root.querySelector("[data-progress]");
    const text = root.querySelector("[data-progress-text]");
    const announce = root.querySelector("[data-progress-announce]");
    const counts = root.querySelector("[data-running-counts]");
    let lastQuarter = -1;

    return function render(job) {
      const percent = job.rowsTotal > 0 ? Math.min(100, Math.round(job.rowsProcessed * 100 / job.rowsTotal)) : 0;
      if (bar) bar.value = percent;
      if (text) {
        text.textContent = job.rowsTotal > 0
          ? "Processed " + format(job.rowsProcessed) + " of " + format(job.rowsTotal) + " rows (" + percent + "%)"
          : "Processed " + format(job.rowsProcessed) + " rows";
      }

      // Screen readers hear every quarter, not every event, so the announcements stay readable.
      const quarter = Math.floor(percent / 25);
      if (announce && quarter !== lastQuarter) {
        lastQuarter = quarter;
        announce.textContent = percent + "% of the rows processed.";
      }

      if (counts) {
        counts.replaceChildren(
          countItem("imported", job.counts.imported),
          countItem("skipped (duplicate)", job.counts.duplicatesExisting + job.counts.duplicatesInFile),
          countItem("errors", job.counts.errors),
          countItem("blank rows", job.counts.blankRows));
      }
    };
  }

  /** Follows a job until it finishes: server-sent events, or polling when the stream fails. */
  function follow(jobId, onUpdate, onFinish) {
    let finished = false;
    let pollTimer = null;

    function handle(job) {
      if (finished) return;
      onUpdate(job);
      if (FINISHED.indexOf(job.status) >= 0) {
        finished = true;
        if (source) source.close();
        if (pollTimer) clearTimeout(pollTimer);
        onFinish(job);
      }
    }

    function onEvent(event) {
      try {
        handle(normalizeJob(JSON.parse(event.data)));
      } catch (error) {
        // A malformed event is skipped; the next one carries the whole job again.
      }
    }

    async function poll() {
      const result = await send("GET", API + "/" + jobId);
      if (result.ok && result.data) handle(normalizeJob(result.data));
      if (!finished) pollTimer = setTimeout(poll, 1000);
    }

    let source = null;
    if (typeof EventSource === "function") {
      source = new EventSource(API + "/" + jobId + "/events");
      source.addEventListener("message", onEvent);
      source.addEventListener("progress", onEvent);
      source.addEventListener("done", onEvent);
      source.addEventListener("error", function () {
        // The stream ended or failed; polling takes over until the job is finished.
        source.close();
        if (!finished && !pollTimer) poll();
      });
    } else {
      poll();
    }

    return function stop() {
      finished = true;
      if (source) source.close();
      if (pollTimer) clearTimeout(pollTimer);
    };
  }

  // ---- The import tab: upload, preview, start, progress, summary ----------------------------

  function setUpImportTab(root) {
    const steps = {};
    root.querySelectorAll("[data-step]").forEach(function (step) { steps[step.getAttribute("data-step")] = step; });
    const input = root.querySelector("#import-file");
    const dropzone = root.querySelector("[data-dropzone]");
    const pickStatus = root.querySelector("#import-pick-status");
    const startError = root.querySelector("[data-start-error]");
    const mappingStatus = root.querySelector("[data-mapping-status]");
    const defaultStatus = root.querySelector("[data-default-status]");
    const extraTags = root.querySelector("[data-extra-tags]");
    const renderProgress = progressView(steps.progress);
    const statuses = (root.getAttribute("data-statuses") || "").split("\n").filter(Boolean);

    let job = null;
    let preview = null;
    let mapping = {};
    let mappingChanged = false;
    let stopFollowing = null;

    defaultStatus.replaceChildren(element("option", { value: "", text: "Account default (Unassigned)" }));
    statuses.forEach(function (name) { defaultStatus.append(element("option", { value: name, text: name })); });

    function show(name) {
      Object.keys(steps).forEach(function (key) { steps[key].hidden = key !== name; });
      focusHeading(steps[name]);
    }

    function restart() {
      if (stopFollowing) stopFollowing();
      job = preview = null;
      mapping = {};
      mappingChanged = false;
      input.value = "";
      showStatus(pickStatus, "");
      showStatus(startError, "");
      show("pick");
      input.focus();
    }

    async function upload(file) {
      if (!file) return;
      if (!/\.(csv|txt)$/i.test(file.name) && file.type !== "text/csv") {
        showStatus(pickStatus, "“" + file.name + "” is not a CSV file. Choose a file that ends in .csv.", true);
        return;
      }
      if (file.size > MAX_FILE_BYTES) {
        showStatus(pickStatus, "“" + file.name + "” is " + (file.size / 1048576).toFixed(1) + " MB; files can be at most 10 MB. Split it into smaller files.", true);
        return;
      }

      showStatus(pickStatus, "Uploading “" + file.name + "” and reading it…");
      const form = new FormData();
      form.append("file", file, file.name);
      const result = await send("POST", API, form);
      if (apiMissing(result)) {
        root.setAttribute("data-api-missing", "true");
        showStatus(pickStatus, API_MISSING_TEXT, true);
        return;
      }
      if (!result.ok || !result.data) {
        showStatus(pickStatus, "The file was not accepted: " + result.message, true);
        return;
      }

      job = normalizeJob(result.data);
      preview = normalizePreview(result.data.preview || {});
      mapping = {};
      preview.columns.forEach(function (column) { mapping[column.index] = column.field || "ignore"; });
      mappingChanged = false;
      renderPreview(file.name);
      show("preview");
    }

    function renderPreview(fileName) {
      const facts = root.querySelector("[data-facts]");
      const delimiterName = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar" }[preview.delimiter] || preview.delimiter || "unknown";
      facts.replaceChildren();
      [["File", fileName || job.fileName || "upload"], ["Encoding", preview.encoding], ["Delimiter", delimiterName],
       ["Columns", String(preview.columns.length)]].forEach(function (fact) {
        facts.append(element("div", {}, [element("dt", { text: fact[0] }), element("dd", { text: fact[1] })]));
      });

      const warnings = root.querySelector("[data-warnings]");
      warnings.replaceChildren();
      const notes = preview.warnings.slice();
      if (preview.ignoredColumns.length > 0) {
        notes.push("Columns not imported: " + preview.ignoredColumns.join(", ") + ".");
      }
      if (notes.length > 0) {
        warnings.append(element("div", { class: "notice notice-warning" }, [
          element("ul", {}, notes.map(function (note) { return element("li", { text: note }); })),
        ]));
      }

      const counts = root.querySelector("[data-preview-counts]");
      counts.replaceChildren(
        countItem("to import", preview.counts.import),
        countItem("already in Calliyo", preview.counts.duplicateExisting),
        countItem("repeated in the file", preview.counts.duplicateInFile),
        countItem("with errors", preview.counts.errors),
        countItem("blank", preview.counts.blank));

      renderMapping();
      renderRows();
    }

    function renderMapping() {
      const body = root.querySelector("[data-mapping]");
      body.replaceChildren();
      preview.columns.forEach(function (column, position) {
        const id = "map-column-" + column.index;
        const select = element("select", { id: id, "data-column": column.index });
        FIELDS.forEach(function (field) {
          const option = element("option", { value: field[0], text: field[1] });
          if (mapping[column.index] === field[0]) option.selected = true;
          select.append(option);
        });
        select.addEventListener("change", function () { changeMapping(column.index, select.value); });
        const label = element("label", { for: id, class: "visually-hidden", text: "Lead field for column " + (position + 1) + ", " + (column.header || "no header") });
        body.append(element("tr", {}, [
          element("td", { text: String(position + 1) }),
          element("td", { text: column.header || "(no header)" }),
          element("td", {}, [label, select]),
        ]));
      });
    }

    function columnOfField(field) {
      const index = Object.keys(mapping).find(function (key) { return mapping[key] === field; });
      return index === undefined ? -1 : Number(index);
    }

    function verdictCell(row) {
      switch (row.verdict) {
        case "import":
          return element("span", { class: "verdict verdict-ok", text: "Will import" });
        case "duplicate_in_file":
          return element("span", { class: "verdict verdict-skip", text: "Skipped: repeats row " + first(row.duplicateOfRecord, "?") });
        case "duplicate_existing": {
          const cell = element("span", { class: "verdict verdict-skip" }, ["Skipped: already a lead "]);
          if (row.existingLeadId) cell.append(element("a", { href: "/leads/" + row.existingLeadId, text: "(open)" }));
          return cell;
        }
        case "blank":
          return element("span", { class: "verdict", text: "Blank row" });
        default:
          return element("span", { class: "verdict verdict-error" }, [
            "Error: " + row.errors.map(function (error) { return error.message; }).join(" "),
          ]);
      }
    }

    function renderRows() {
      const head = root.querySelector("[data-rows-head]");
      const body = root.querySelector("[data-rows]");
      const headers = [element("th", { scope: "col", text: "Row" })]
        .concat(preview.columns.map(function (column) { return element("th", { scope: "col", text: column.header || "(no header)" }); }))
        .concat([element("th", { scope: "col", text: "Result" })]);
      head.replaceChildren(element("tr", {}, headers));

      body.replaceChildren();
      preview.rows.forEach(function (row) {
        // Cells of fields that have an error are outlined, so a missing phone or name is easy to see.
        const badColumns = row.errors.map(function (error) { return columnOfField(error.field); });
        const cells = [element("th", { scope: "row", text: String(first(row.line, row.record, "")) })];
        preview.columns.forEach(function (column, position) {
          const cell = element("td", { text: row.fields[position] === undefined ? "" : row.fields[position] });
          if (badColumns.indexOf(column.index) >= 0) cell.className = "cell-missing";
          cells.push(cell);
        });
        cells.push(element("td", {}, [verdictCell(row)]));
        const rowClass = row.verdict === "error" ? "row-problem" : (row.verdict === "import" ? null : "row-skip");
        body.append(element("tr", { class: rowClass, "data-verdict": row.verdict }, cells));
      });
    }

    function choices() {
      const body = {};
      if (mappingChanged) {
        body.mapping = {};
        Object.keys(mapping).forEach(function (index) { body.mapping[String(index)] = mapping[index]; });
      }
      if (defaultStatus.value) body.defaultStatus = defaultStatus.value;
      const tags = extraTags.value.split(/[,;]/).map(function (tag) { return tag.trim(); }).filter(Boolean);
      if (tags.length > 0) body.extraTags = tags;
      return body;
    }

    async function changeMapping(index, field) {
      mapping[index] = field;
      mappingChanged = true;
      showStatus(mappingStatus, "Checking the file with the new mapping…");

      // A server that can rebuild the preview does so; otherwise the mapping is sent when the import starts.
      const result = await send("PUT", API + "/" + job.id + "/options", choices());
      if (result.ok && result.data && result.data.preview) {
        preview = normalizePreview(result.data.preview);
        renderPreview(job.fileName);
        showStatus(mappingStatus, "Preview updated for the new mapping.");
        const select = root.querySelector("[data-column='" + index + "']");
        if (select) select.focus();
      } else if (apiMissing(result)) {
        showStatus(mappingStatus, "The new mapping applies when the import starts.");
      } else {
        showStatus(mappingStatus, "The mapping was not accepted: " + result.message, true);
      }
    }

    async function start() {
      showStatus(startError, "");
      const button = root.querySelector("[data-action=start]");
      button.disabled = true;
      const result = await send("POST", API + "/" + job.id + "/start", choices());
      button.disabled = false;
      if (!result.ok) {
        showStatus(startError, "The import did not start: " + result.message, true);
        return;
      }

      show("progress");
      renderProgress(result.data ? normalizeJob(result.data) : job);
      stopFollowing = follow(job.id, renderProgress, finish);
    }

    function finish(finished) {
      stopFollowing = null;
      const title = root.querySelector("[data-done-title]");
      title.textContent = finished.status === "completed" ? "Import finished"
        : finished.status === "cancelled" ? "Import cancelled" : "Import failed";
      let summary = finished.summary + ".";
      if (finished.failure) summary += " " + finished.failure;
      root.querySelector("[data-summary]").textContent = summary;
      const report = root.querySelector("[data-error-report]");
      report.hidden = finished.counts.errors === 0;
      report.href = API + "/" + finished.id + "/errors.csv";
      root.querySelector("[data-job-link]").href = "/imports/" + finished.id;
      show("done");
    }

    async function cancel() {
      const result = await send("POST", API + "/" + job.id + "/cancel");
      if (!result.ok) {
        root.querySelector("[data-progress-text]").textContent = "Cancelling failed: " + result.message;
      }
    }

    input.addEventListener("change", function () { upload(input.files[0]); });
    ["dragenter", "dragover"].forEach(function (name) {
      dropzone.addEventListener(name, function (event) {
        event.preventDefault();
        dropzone.classList.add("dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      dropzone.addEventListener(name, function () { dropzone.classList.remove("dragging"); });
    });
    dropzone.addEventListener("drop", function (event) {
      event.preventDefault();
      const file = event.dataTransfer && event.dataTransfer.files[0];
      upload(file);
    });
    root.querySelector("[data-action=restart]").addEventListener("click", restart);
    root.querySelector("[data-action=start]").addEventListener("click", start);
    root.querySelector("[data-action=cancel]").addEventListener("click", cancel);
  }

  // ---- The list of imports ------------------------------------------------------------------

  function setUpImportList(root) {
    const status = root.querySelector("[data-list-status]");
    const table = root.querySelector("[data-list-table]");
    const rows = root.querySelector("[data-list-rows]");
    const more = root.querySelector("[data-list-more]");
    let before = null;

    function describeStatus(job) {
      return { uploaded: "Waiting to start", running: "Running", completed: "Completed", failed: "Failed", cancelled: "Cancelled" }[job.status] || job.status;
    }

    async function load() {
      const result = await send("GET", API + "?limit=50" + (before ? "&before=" + encodeURIComponent(before) : ""));
      if (apiMissing(result)) {
        root.setAttribute("data-api-missing", "true");
        showStatus(status, API_MISSING_TEXT, true);
        return;
      }
      if (!result.ok || !result.data) {
        showStatus(status, "The imports could not be loaded: " + result.message, true);
        return;
      }

      const data = result.data;
      const jobs = (Array.isArray(data) ? data : (data.imports || data.items || [])).map(normalizeJob);
      jobs.forEach(function (job) {
        const started = job.startedAt || job.createdAt;
        rows.append(element("tr", {}, [
          element("td", {}, [element("a", { href: "/imports/" + job.id, text: job.fileName || "Import " + job.id.slice(0, 8) })]),
          element("td", { text: describeStatus(job) }),
          element("td", { text: job.status === "uploaded" ? "Not started" : job.summary }),
          element("td", { class: "col-wide", text: format(job.rowsProcessed) + " of " + format(job.rowsTotal) }),
          element("td", { class: "col-wide nowrap", text: started ? new Date(started).toLocaleString() : "—" }),
        ]));
      });

      before = Array.isArray(data) ? null : first(data.nextBefore, data.nextCursor, null);
      more.hidden = !before;
      table.hidden = rows.children.length === 0;
      showStatus(status, rows.children.length === 0 ? "No imports yet." : "");
    }

    more.addEventListener("click", load);
    load();
  }

  // ---- One import's page --------------------------------------------------------------------

  function setUpImportJob(root) {
    const id = root.getAttribute("data-import-job");
    const status = root.querySelector("[data-job-status]");
    const facts = root.querySelector("[data-job-facts]");
    const progress = root.querySelector("[data-job-progress]");
    const report = root.querySelector("[data-error-report]");
    const cancelButton = root.querySelector("[data-action=cancel]");
    const renderProgress = progressView(root);

    function renderFacts(job) {
      facts.replaceChildren();
      [["File", job.fileName || "—"], ["Status", job.status], ["Rows", format(job.rowsTotal)],
       ["Started", job.startedAt ? new Date(job.startedAt).toLocaleString() : "—"],
       ["Finished", job.finishedAt ? new Date(job.finishedAt).toLocaleString() : "—"]].forEach(function (fact) {
        facts.append(element("div", {}, [element("dt", { text: fact[0] }), element("dd", { text: fact[1] })]));
      });
      facts.hidden = false;
    }

    function update(job) {
      renderFacts(job);
      renderProgress(job);
      progress.hidden = false;
      cancelButton.hidden = FINISHED.indexOf(job.status) >= 0;
      showStatus(status, job.status === "uploaded" ? "This import has not been started." : job.summary + (FINISHED.indexOf(job.status) >= 0 ? "." : " so far."));
    }

    function finish(job) {
      update(job);
      report.hidden = job.counts.errors === 0;
      report.href = API + "/" + job.id + "/errors.csv";
      if (job.failure) showStatus(status, job.summary + ". " + job.failure, true);
    }

    async function load() {
      const result = await send("GET", API + "/" + id);
      if (result.status === 404 && !(result.data && result.data.error && result.data.error.code === "not_found" && /Import/.test(result.data.error.message))) {
        root.setAttribute("data-api-missing", "true");
        showStatus(status, API_MISSING_TEXT, true);
        return;
      }
      if (!result.ok || !result.data) {
        showStatus(status, result.status === 404 ? "This import does not exist in your account." : "The import could not be loaded: " + result.message, true);
        return;
      }

      const job = normalizeJob(result.data);
      if (FINISHED.indexOf(job.status) >= 0) {
        finish(job);
      } else {
        update(job);
        if (job.status === "running") follow(id, update, finish);
      }
    }

    cancelButton.addEventListener("click", async function () {
      const result = await send("POST", API + "/" + id + "/cancel");
      if (!result.ok) showStatus(status, "Cancelling failed: " + result.message, true);
    });
    load();
  }

  document.querySelectorAll("[data-import]").forEach(setUpImportTab);
  document.querySelectorAll("[data-import-list]").forEach(setUpImportList);
  document.querySelectorAll("[data-import-job]").forEach(setUpImportJob);
})();
