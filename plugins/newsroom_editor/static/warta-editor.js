/* Warta's part of the newsroom editor (Decap CMS).
 *
 * Decap's own bundle gives the editor; this script makes it Warta's: the story format (a file
 * exactly as `warta new` writes it, newsroom_model/starter.py's story_text), the file name of a
 * new story (the first headline, as Pelican's slugify makes it, in the folder of the story's
 * month), the form's own fields (names with suggestions, alt text required with a photo), the
 * photo gallery and the video card as editor components, the preview in the site's look, and
 * Decap's interface in the site's language. Everything it needs from the site comes from
 * warta-editor.json, which the build writes from the schema, the settings and the data files.
 *
 * It runs before Decap's bundle (both are deferred, this one first): Decap waits for it
 * (CMS_MANUAL_INIT) and starts once it has registered everything.
 */
"use strict";

window.CMS_MANUAL_INIT = true;

(function () {
  let site = null; // warta-editor.json

  /* ---------------------------------------------------------------- text as Python has it */

  // Python's str.strip(): the white space of str.isspace(), which JavaScript's trim() does not
  // quite share (it strips U+FEFF, and keeps U+001C-U+001F and U+0085).
  const SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const EDGES = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, "g");
  const strip = (text) => String(text).replace(EDGES, "");
  const quoted = (text) => JSON.stringify(text);

  function plainValue(value) {
    if (value && typeof value.toJS === "function") return value.toJS();
    return value;
  }

  function textOf(value) {
    value = plainValue(value);
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) return value.map(textOf).join(", ");
    if (typeof value === "object") return Object.values(value).map(textOf).join(", ");
    return strip(value);
  }

  function given(value) {
    value = plainValue(value);
    if (value === null || value === undefined) return false;
    if (Array.isArray(value)) return value.some(given);
    if (typeof value === "object") return Object.values(value).some(given);
    return strip(value) !== "";
  }

  /* ------------------------------------------------------------------------------ moments */

  const ZONES = { WIB: 7 * 60, WITA: 8 * 60, WIT: 9 * 60 };
  // The forms of warta/moments.py the editor reads back: 2026-11-10, 2026-11-10 07.45,
  // 2026-11-10T07:45:30, each with an optional offset or WIB, WITA, WIT.
  const MOMENT =
    /^(\d{4})-(\d{2})-(\d{2})(?:(?:[ \t]+|T)(\d{1,2})(?:\.(\d{2})|:(\d{2})(?::(\d{2}))?))?[ \t]*(Z|[+-]\d{2}(?::?\d{2})?|WIB|WITA|WIT)?$/i;

  function wallParts(ms, zone) {
    const parts = {};
    const format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    for (const part of format.formatToParts(new Date(ms))) parts[part.type] = part.value;
    return parts;
  }

  // Minutes east of UTC in `zone` at the moment `ms`.
  function zoneOffset(ms, zone) {
    const p = wallParts(ms, zone);
    const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
    return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
  }

  // The moment a wall-clock time in `zone` stands for (the zone's offset then, found twice so
  // that a change of offset between the guess and the answer is followed).
  function fromWall(year, month, day, hour, minute, second, zone) {
    const guess = Date.UTC(year, month - 1, day, hour, minute, second);
    const first = guess - zoneOffset(guess, zone) * 60000;
    return guess - zoneOffset(first, zone) * 60000;
  }

  function readMoment(text) {
    const found = MOMENT.exec(strip(textOf(text)));
    if (!found) return null;
    const [, y, mo, d, h, dotMinute, colonMinute, s, zone] = found;
    const parts = [+y, +mo, +d, h ? +h : 0, +(dotMinute || colonMinute || 0), +(s || 0)];
    if (!zone) return fromWall(...parts, site.timezone);
    let offset = 0;
    const name = zone.toUpperCase();
    if (name in ZONES) offset = ZONES[name];
    else if (name !== "Z") {
      const digits = zone.replace(":", "");
      const sign = digits[0] === "-" ? -1 : 1;
      offset = sign * (+digits.slice(1, 3) * 60 + +(digits.slice(3, 5) || 0));
    }
    return Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]) - offset * 60000;
  }

  // A moment as a story file writes it: the site's time zone, `2026-11-10 07.45`.
  function wallText(ms) {
    const p = wallParts(ms, site.timezone);
    return `${p.year}-${p.month}-${p.day} ${p.hour}.${p.minute}`;
  }

  // A moment as the story's page labels it ("Minggu, 6 Desember 2026 22.29 WITA"): the site's
  // CLDR pattern (WARTA_DATE_FORMATS, as Babel reads it for the page), its names and zone from
  // the browser's own CLDR data (Intl). Only the fields Warta's patterns use are read; a time of
  // exactly midnight is "no time given", as on the page.
  const PATTERN_FIELD = /'([^']*)'|E{4}|M{4}|z{4}|HH|mm|d{1,2}|y+|z/g;

  function dateLabel(ms) {
    const label = site.date_label;
    const parts = {};
    const format = (options) =>
      new Intl.DateTimeFormat(label.lang, { timeZone: site.timezone, ...options }).formatToParts(
        new Date(ms),
      );
    const named = { weekday: "long", day: "numeric", month: "long", year: "numeric" };
    const timed = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" };
    for (const part of format({ ...named, ...timed })) parts[part.type] = part.value;
    const long = format({ timeZoneName: "long" }).find((part) => part.type === "timeZoneName");
    const wall = wallParts(ms, site.timezone);
    const midnight = wall.hour === "00" && wall.minute === "00";
    const fields = {
      EEEE: parts.weekday,
      MMMM: parts.month,
      zzzz: long ? long.value : parts.timeZoneName,
      HH: wall.hour,
      mm: wall.minute,
      d: String(+wall.day),
      dd: wall.day,
      z: parts.timeZoneName,
    };
    return (midnight ? label.date : label.datetime).replace(PATTERN_FIELD, (token, quoted) =>
      quoted !== undefined ? quoted || "'" : token[0] === "y" ? wall.year : fields[token] ?? token,
    );
  }

  // What the date field holds (a Date, an ISO string, or what the file said) as a moment.
  function momentOf(value) {
    value = plainValue(value);
    if (value instanceof Date) return isNaN(value) ? null : value.getTime();
    if (value && typeof value.toDate === "function") return value.toDate().getTime();
    if (typeof value !== "string" || !strip(value)) return null;
    const read = readMoment(value);
    if (read !== null) return read;
    const parsed = Date.parse(value);
    return isNaN(parsed) ? null : parsed;
  }

  /* ----------------------------------------------------------------------- the story file */

  const formOf = (name) => {
    const found = site.fields.find((field) => field.name === name);
    return found ? found.form : "text";
  };

  function bare(text) {
    return new RegExp(site.plain).test(text) ? text : quoted(text);
  }

  function fieldLines(name, value) {
    value = plainValue(value);
    const form = formOf(name);
    if (form === "corrections") {
      const lines = [`${name}:`];
      for (const entry of Array.isArray(value) ? value : [value]) {
        let date, note;
        if (entry && typeof entry === "object" && !Array.isArray(entry)) {
          date = textOf(entry.date ?? "");
          note = textOf(entry.note ?? "");
        } else {
          const text = textOf(entry);
          const bar = text.indexOf("|");
          date = strip(bar < 0 ? text : text.slice(0, bar));
          note = bar < 0 ? "" : strip(text.slice(bar + 1));
        }
        if (date || note) {
          lines.push(`  - date: ${bare(date)}`);
          lines.push(`    note: ${quoted(note)}`);
        }
      }
      return lines;
    }
    if (site.list_forms.includes(form) || Array.isArray(value)) {
      const items = Array.isArray(value) ? value : textOf(value).split(",");
      const texts = items.map(textOf).filter((text) => text);
      return [`${name}: [` + texts.map(quoted).join(", ") + "]"];
    }
    const text = textOf(value);
    return [`${name}: ${site.bare_forms.includes(form) ? bare(text) : quoted(text)}`];
  }

  function dateParts(value) {
    const moment = readMoment(textOf(value ?? ""));
    if (moment === null) return ["YYYY", "MM", "YYYY-MM-DD HH.MM"];
    const p = wallParts(moment, site.timezone);
    return [p.year, p.month, `${p.year}-${p.month}-${p.day} ${p.hour}.${p.minute}`];
  }

  // newsroom_model.starter.story_text, line for line: the same fields and body give the same
  // bytes (tests/test_editor_browser.py compares them).
  function storyText(fields, body) {
    const values = new Map();
    for (const [name, value] of Object.entries(fields)) {
      values.set(site.twins[name] || name, value);
    }
    for (const [name, value] of [...values]) if (!given(value)) values.delete(name);
    const schema = site.fields.map((field) => field.name);
    const order = schema.filter((name) => values.has(name));
    for (const name of values.keys()) if (!schema.includes(name)) order.push(name);
    const lines = ["---"];
    for (const name of order) lines.push(...fieldLines(name, values.get(name)));
    const [year, month, when] = dateParts(values.get("date"));
    let place = plainValue(values.get("location"));
    place = typeof place === "string" ? strip(place) : "";
    const dateline = Object.prototype.hasOwnProperty.call(site.datelines, place)
      ? site.datelines[place]
      : place.toUpperCase();
    lines.push(`# ${site.guide.intro}`);
    for (const [name, example, about] of site.guide.fields) {
      if (values.has(site.twins[name] || name)) continue;
      const shown = example
        .split("{year}").join(year)
        .split("{month}").join(month)
        .split("{dateline}").join(dateline)
        .split("{when}").join(when);
      lines.push(`# ${name}: ${shown}   # ${about}`);
    }
    for (const note of site.guide.notes) lines.push(`# ${note}`);
    lines.push("---");
    const text = String(body ?? "")
      .replace(/\r\n/g, "\n")
      .replace(/\r/g, "\n")
      .replace(/^\n+|\n+$/g, "");
    return lines.join("\n") + "\n\n" + text + "\n";
  }

  /* -------------------------------------------------------- reading a story file back in */

  const KEY_VALUE = /^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$/;
  const CONTINUATION = /^[ ]{4,}(.*)$/;

  // A header as newsroom_model/header.py reads it: YAML front matter, or Pelican's `Key:
  // value` lines up to the first blank line. Every value stays text (YAML's failsafe schema).
  function splitStory(text) {
    const lines = String(text).replace(/\r\n?/g, "\n").split("\n");
    const fields = [];
    if (lines.length && strip(lines[0]) === "---") {
      const end = lines.findIndex((line, index) => index > 0 && ["---", "..."].includes(line.replace(/\s+$/, "")));
      if (end < 0) return { fields, body: lines.slice(1).join("\n") };
      const header = window.jsyaml.load(lines.slice(1, end).join("\n"), {
        schema: window.jsyaml.FAILSAFE_SCHEMA,
      });
      if (header && typeof header === "object" && !Array.isArray(header)) {
        for (const [key, value] of Object.entries(header)) fields.push([key.toLowerCase(), value]);
      }
      return { fields, body: lines.slice(end + 1).join("\n") };
    }
    let current = null;
    let start = lines.length;
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index];
      if (!strip(line)) {
        start = index + 1;
        break;
      }
      const pair = KEY_VALUE.exec(line);
      if (pair) {
        if (current) fields.push([current[0], current[1].filter(Boolean).join(" ")]);
        current = [pair[1].toLowerCase(), [strip(pair[2])]];
        continue;
      }
      const more = CONTINUATION.exec(line);
      if (more && current) {
        current[1].push(strip(more[1]));
        continue;
      }
      start = index;
      break;
    }
    if (current) fields.push([current[0], current[1].filter(Boolean).join(" ")]);
    return { fields, body: lines.slice(start).join("\n") };
  }

  // A date as the editor's datetime field takes it, remembering what the file said: saved
  // unchanged, the file keeps it exactly (`Date: 2026-11-10 07.45 WIB` stays so, and the live
  // updates that read their times in its zone with it).
  function toPicker(text, written, key) {
    const moment = readMoment(text);
    written[key] = textOf(text);
    return moment === null ? textOf(text) : new Date(moment).toISOString();
  }

  function readStory(text) {
    const { fields, body } = splitStory(text);
    const data = {};
    const written = {};
    const corrections = {};
    for (const [raw, value] of fields) {
      const name = site.twins[site.aliases[raw] || raw] || site.aliases[raw] || raw;
      const form = formOf(name);
      if (form === "moment") data[name] = toPicker(value, written, name);
      else if (form === "corrections") {
        // One line or a list each; `Correction:` may come back line after line.
        corrections[name] = [...(corrections[name] || []), ...(Array.isArray(value) ? value : [value])];
      } else if (site.list_forms.includes(form)) {
        const items = Array.isArray(value) ? value : String(value).split(",");
        data[name] = items.map(textOf).filter(Boolean);
      } else data[name] = value;
    }
    for (const [name, entries] of Object.entries(corrections)) {
      data[name] = entries.map((entry, index) => {
        const key = `${name}.${index}`;
        if (entry && typeof entry === "object" && !Array.isArray(entry)) {
          return { date: toPicker(entry.date ?? "", written, key), note: textOf(entry.note ?? "") };
        }
        const line = textOf(entry);
        const bar = line.indexOf("|");
        return {
          date: toPicker(bar < 0 ? line : line.slice(0, bar), written, key),
          note: bar < 0 ? "" : strip(line.slice(bar + 1)),
        };
      });
    }
    data.body = body.replace(/^\n+/, "");
    data.warta_written = written;
    return data;
  }

  // The editor's values as the file writes them: dates in the site's time, unless unchanged.
  function fileValue(value, written, key) {
    const original = written && written[key];
    const moment = momentOf(value);
    if (moment === null) return textOf(value);
    if (original !== undefined && readMoment(original) === moment) return original;
    return wallText(moment);
  }

  function fromEditor(data) {
    data = plainValue(data) || {};
    const written = data.warta_written || {};
    const fields = {};
    for (const [name, value] of Object.entries(data)) {
      if (name === "body" || name.startsWith("warta_")) continue;
      const form = formOf(name);
      if (form === "moment") fields[name] = fileValue(value, written, name);
      else if (form === "corrections") {
        fields[name] = (plainValue(value) || []).map((entry, index) => ({
          date: fileValue(entry && entry.date, written, `${name}.${index}`),
          note: textOf(entry && entry.note),
        }));
      } else fields[name] = value;
    }
    return fields;
  }

  /* -------------------------------------------------------------------- a new file's name */

  const textarea = document.createElement("textarea");
  function unescapeHtml(text) {
    textarea.innerHTML = text;
    return textarea.value;
  }

  // markupsafe's striptags, which Pelican's slugify runs first: comments, then tags, out;
  // white space collapsed; entities read.
  function stripTags(value) {
    let start;
    while ((start = value.indexOf("<!--")) !== -1) {
      const end = value.indexOf("-->", start);
      if (end === -1) break;
      value = value.slice(0, start) + value.slice(end + 3);
    }
    while ((start = value.indexOf("<")) !== -1) {
      const end = value.indexOf(">", start);
      if (end === -1) break;
      value = value.slice(0, start) + value.slice(end + 1);
    }
    value = value.split(new RegExp(`[${SPACE}]+`)).filter(Boolean).join(" ");
    return unescapeHtml(value);
  }

  // Pelican's slugify with the site's SLUG_REGEX_SUBSTITUTIONS, as `warta new` names a file.
  function pelicanSlug(title) {
    let value = stripTags(String(title)).normalize("NFKC");
    let ascii = "";
    for (const character of value) {
      if (character.charCodeAt(0) < 128) ascii += character;
      else if (character in site.slug.ascii) ascii += site.slug.ascii[character];
    }
    value = ascii;
    for (const [pattern, replacement] of site.slug.substitutions) {
      value = value.replace(new RegExp(pattern.normalize("NFKC"), "gi"), replacement.normalize("NFKC"));
    }
    return strip(value.toLowerCase());
  }

  /* -------------------------------------------------------------------- the form's fields */

  const h = (...args) => window.h(...args);

  function listOf(value) {
    value = plainValue(value);
    if (Array.isArray(value)) return value.map(String);
    if (typeof value === "string" && value) return value.split(",").map(strip).filter(Boolean);
    return [];
  }

  // A field that must be given with another (alt text with a photo, a source with its
  // address), as the build requires.
  function neededWith(props) {
    const other = props.field.get("needed_with");
    if (!other || given(props.value)) return true;
    const entry = props.entry;
    const otherValue = entry && entry.getIn(["data", other]);
    if (!given(otherValue)) return true;
    return { error: { type: "PRESENCE", message: props.field.get("needed_message") } };
  }

  function suggestionList(id, field) {
    const options = plainValue(field.get("suggestions")) || [];
    return h("datalist", { id }, options.map((option) => h("option", { key: option, value: option })));
  }

  function textControl() {
    return window.createClass({
      isValid() {
        return neededWith(this.props);
      },
      render() {
        const { forID, value, onChange, classNameWrapper, field, setActiveStyle, setInactiveStyle } = this.props;
        const listId = `${forID}-suggestions`;
        const hasSuggestions = (plainValue(field.get("suggestions")) || []).length > 0;
        return h(
          "div",
          {},
          h("input", {
            type: "text",
            id: forID,
            className: classNameWrapper,
            value: value || "",
            list: hasSuggestions ? listId : undefined,
            autoComplete: "off",
            onChange: (event) => onChange(event.target.value),
            onFocus: setActiveStyle,
            onBlur: setInactiveStyle,
          }),
          hasSuggestions ? suggestionList(listId, field) : null,
        );
      },
    });
  }

  // Names (bylines, tags): each a chip that can be taken off; new ones typed with suggestions
  // from the newsroom's data or the archive, and any other name allowed.
  function namesControl() {
    return window.createClass({
      getInitialState() {
        return { draft: "" };
      },
      names() {
        return listOf(this.props.value);
      },
      add() {
        const names = this.names();
        const fresh = this.state.draft
          .split(",")
          .map(strip)
          .filter((name) => name && !names.some((known) => known.toLowerCase() === name.toLowerCase()));
        if (fresh.length) this.props.onChange([...names, ...fresh]);
        this.setState({ draft: "" });
      },
      isValid() {
        const limit = this.props.field.get("item_limit") || 100;
        const wrong = this.names().find((name) => name.length > limit || !/[\p{L}\p{N}]/u.test(name));
        return wrong === undefined ? true : { error: { type: "PATTERN", message: `${this.props.field.get("item_message")} (${wrong})` } };
      },
      render() {
        const { forID, classNameWrapper, field, setActiveStyle, setInactiveStyle } = this.props;
        const names = this.names();
        const listId = `${forID}-suggestions`;
        return h(
          "div",
          { className: `${classNameWrapper} warta-names` },
          h(
            "ul",
            { className: "warta-chips" },
            names.map((name, index) =>
              h(
                "li",
                { key: `${name}-${index}` },
                h("span", {}, name),
                h(
                  "button",
                  {
                    type: "button",
                    "aria-label": `${site.words.remove} ${name}`,
                    onClick: () => this.props.onChange(names.filter((_, other) => other !== index)),
                  },
                  "×",
                ),
              ),
            ),
          ),
          h("input", {
            type: "text",
            id: forID,
            list: listId,
            value: this.state.draft,
            autoComplete: "off",
            onChange: (event) => {
              const draft = event.target.value;
              // A suggestion picked from the list, or a comma typed: the name is done.
              const picked = (plainValue(field.get("suggestions")) || []).includes(draft);
              this.setState({ draft }, () => (picked || draft.includes(",")) && this.add());
            },
            onKeyDown: (event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                this.add();
              }
            },
            onFocus: setActiveStyle,
            onBlur: () => {
              this.add();
              setInactiveStyle();
            },
          }),
          suggestionList(listId, field),
        );
      },
    });
  }

  function namesPreview() {
    return window.createClass({
      render() {
        return h("span", {}, listOf(this.props.value).join(", "));
      },
    });
  }

  /* ----------------------------------------------------------- gallery and video in a body */

  // One photo a line, as newsroom_model/gallery.py reads it.
  const PHOTO_LINE =
    /^[ \t]*!\[((?:\\.|[^\\\]])*)\]\([ \t]*(<[^<>\n]*>|[^\s()<>]+)(?:[ \t]+(?:"((?:\\.|[^\\"])*)"|'((?:\\.|[^\\'])*)'|\(((?:\\.|[^\\()])*)\)))?[ \t]*\)[ \t]*$/;
  const ESCAPED = /\\([!-/:-@[-`{-~])/g;
  const plain = (text) => strip(String(text).replace(ESCAPED, "$1")).split(/\s+/).filter(Boolean).join(" ");

  function splitTitle(title) {
    // The last `|` not written `\|`: the caption before it, the credit after.
    for (let index = title.length - 1; index >= 0; index--) {
      if (title[index] === "|" && title[index - 1] !== "\\") {
        return [plain(title.slice(0, index)), plain(title.slice(index + 1))];
      }
    }
    return [plain(title), ""];
  }

  // A photo's path in a body starts with "/" (from the content folder); the editor's photo
  // fields name it without, as Decap needs to show a photo not saved yet.
  const inBody = (src) => (/^(?:[a-z][a-z0-9+.-]*:|\/)/i.test(src) ? src : `/${src}`);
  const inField = (src) => src.replace(/^\{static\}/, "").replace(/^\/+/, "");

  function galleryFromBlock(match) {
    const photos = (match[2] || "")
      .split("\n")
      .map((line) => PHOTO_LINE.exec(line))
      .filter(Boolean)
      .map((found) => {
        const [caption, credit] = splitTitle(found[3] ?? found[4] ?? found[5] ?? "");
        let src = found[2];
        if (src.startsWith("<")) src = src.slice(1, -1).trim();
        return { src: inField(src.replace(ESCAPED, "$1")), alt: plain(found[1]), caption, credit };
      });
    return { title: strip(match[1] || ""), photos };
  }

  const escapeAlt = (text) => strip(text || "").replace(/[\\\]]/g, "\\$&");
  const escapeTitle = (text) => strip(text || "").replace(/[\\"|]/g, "\\$&");

  function galleryToBlock(data) {
    const photos = plainValue(data.photos) || [];
    const lines = [`::: galeri${strip(data.title || "") ? " " + strip(data.title) : ""}`];
    for (const photo of photos) {
      if (!photo || !photo.src) continue;
      const path = inBody(photo.src);
      const src = /[\s()<>]/.test(path) ? `<${path}>` : path;
      const caption = escapeTitle(photo.caption);
      const credit = escapeTitle(photo.credit);
      const title = credit ? `${caption} | ${credit}` : caption;
      lines.push(`![${escapeAlt(photo.alt)}](${src}${title ? ` "${title}"` : ""})`);
    }
    lines.push(":::");
    return lines.join("\n");
  }

  // The gallery as the article page marks it up (theme/templates/partials/gallery.html), so
  // the site's stylesheet shows it as readers will see it.
  function galleryPreview(data, getAsset) {
    const photos = (plainValue(data.photos) || []).filter((photo) => photo && photo.src);
    return h(
      "section",
      { className: "gallery" },
      data.title ? h("p", { className: "gallery-title" }, data.title) : null,
      h(
        "ol",
        { className: "gallery-track" },
        photos.map((photo, index) =>
          h(
            "li",
            { key: index, className: "gallery-slide" },
            h(
              "figure",
              {},
              h("img", { src: String(getAsset(photo.src) || photo.src), alt: photo.alt || "" }),
              h(
                "figcaption",
                {},
                photo.caption || "",
                photo.credit ? h("span", { className: "credit" }, ` ${site.words.photo} ${photo.credit}`) : null,
              ),
            ),
          ),
        ),
      ),
    );
  }

  function videoPattern() {
    const hosts = site.embed_hosts.map((host) => host.replace(/[.]/g, "\\.")).join("|");
    return `^https?://(?:${hosts})/\\S+$`;
  }

  /* ------------------------------------------------------------------ the story's preview */

  function articlePreview() {
    return window.createClass({
      render() {
        const { entry, widgetFor } = this.props;
        const data = (key) => plainValue(entry.getIn(["data", key]));
        const authors = listOf(data("authors"));
        const tags = listOf(data("tags"));
        const image = data("image");
        const corrections = (data("corrections") || []).filter((entry) => entry && entry.note);
        const moment = momentOf(data("date"));
        return h(
          "main",
          { className: "reading" },
          h(
            "article",
            { className: "story" },
            h(
              "header",
              { className: "story-header" },
              data("location") ? h("p", { className: "story-location" }, data("location")) : null,
              h("h1", { className: "story-title" }, data("title") || ""),
              h(
                "p",
                { className: "story-meta" },
                moment === null ? null : h("time", { className: "story-date" }, dateLabel(moment)),
              ),
              authors.length ? h("p", { className: "story-byline" }, `${site.words.by} ${authors.join(", ")}`) : null,
              data("source") ? h("p", { className: "story-source" }, `${site.words.source} ${data("source")}`) : null,
            ),
            image
              ? h(
                  "figure",
                  { className: "story-figure" },
                  widgetFor("image"),
                  data("imagecaption") || data("imagecredit")
                    ? h(
                        "figcaption",
                        {},
                        data("imagecaption") || "",
                        data("imagecredit") ? h("span", { className: "credit" }, ` ${site.words.photo} ${data("imagecredit")}`) : null,
                      )
                    : null,
                )
              : null,
            h("div", { className: "story-body" }, widgetFor("body")),
            corrections.length
              ? h(
                  "aside",
                  { className: "story-corrections" },
                  h("h2", {}, site.words.correction),
                  h("ul", {}, corrections.map((item, index) => h("li", { key: index }, item.note))),
                )
              : null,
            tags.length
              ? h("ul", { className: "story-tags", "aria-label": site.words.topics }, tags.map((tag) => h("li", { key: tag }, tag)))
              : null,
          ),
        );
      },
    });
  }

  /* --------------------------------------------------------------------------- together */

  function merged(base, over) {
    const result = { ...base };
    for (const [key, value] of Object.entries(over)) {
      result[key] = value && typeof value === "object" ? merged(base[key] || {}, value) : value;
    }
    return result;
  }

  function register(CMS) {
    const language = document.documentElement.lang.split("-")[0];
    let phrases = site.locale || CMS.getLocale(language) || CMS.getLocale("en");
    if (site.local && site.locale_local) phrases = merged(phrases, site.locale_local);
    CMS.registerLocale(language, phrases);
    CMS.registerCustomFormat("warta", "md", {
      fromFile: (text) => readStory(text),
      toFile: (data) => storyText(fromEditor(data), plainValue(data).body),
    });
    CMS.registerWidget("warta-names", namesControl(), namesPreview());
    CMS.registerWidget("warta-suggest", textControl());
    CMS.registerWidget("warta-text", textControl());
    CMS.registerPreviewStyle(new URL(site.stylesheet, document.baseURI).href);
    CMS.registerPreviewStyle(new URL("warta-editor.css", document.baseURI).href);
    CMS.registerPreviewTemplate(site.collection, articlePreview());
    const words = site.words;
    CMS.registerEditorComponent({
      id: "foto",
      label: words.body_photo,
      fields: [
        { name: "src", label: words.photo_file, widget: "image", choose_url: false, ...site.uploads },
        { name: "alt", label: words.alt, widget: "string", required: true },
        { name: "title", label: words.caption, widget: "string", required: false },
      ],
      pattern: PHOTO_LINE,
      fromBlock: (match) => {
        const found = PHOTO_LINE.exec(match[0]);
        let src = found[2];
        if (src.startsWith("<")) src = src.slice(1, -1).trim();
        return {
          src: inField(src.replace(ESCAPED, "$1")),
          alt: plain(found[1]),
          title: plain(found[3] ?? found[4] ?? found[5] ?? ""),
        };
      },
      toBlock: (data) => {
        if (!data.src) return "";
        const path = inBody(data.src);
        const src = /[\s()<>]/.test(path) ? `<${path}>` : path;
        const title = strip(data.title || "").replace(/[\\"]/g, "\\$&");
        return `![${escapeAlt(data.alt)}](${src}${title ? ` "${title}"` : ""})`;
      },
      toPreview: (data, getAsset) =>
        data.src ? h("img", { src: String(getAsset(data.src) || data.src), alt: data.alt || "" }) : null,
    });
    CMS.registerEditorComponent({
      id: "galeri",
      label: words.gallery,
      fields: [
        { name: "title", label: words.gallery_title, widget: "string", required: false },
        {
          name: "photos",
          label: words.photos,
          label_singular: words.photo_item,
          widget: "list",
          default: [],
          summary: "{{fields.alt}}",
          fields: [
            { name: "src", label: words.photo_file, widget: "image", choose_url: false, ...site.uploads },
            { name: "alt", label: words.alt, widget: "string", required: true },
            { name: "caption", label: words.caption, widget: "string", required: false },
            { name: "credit", label: words.credit, widget: "string", required: false },
          ],
        },
      ],
      pattern: /^:::[ \t]*(?:galeri|gallery)\b[ \t]*([^\n]*)\n(?:([\s\S]*?)\n)?[ \t]*:::[ \t]*$/,
      fromBlock: galleryFromBlock,
      toBlock: galleryToBlock,
      toPreview: (data, getAsset) => galleryPreview(data, getAsset),
    });
    CMS.registerEditorComponent({
      id: "video",
      label: words.video,
      fields: [
        { name: "url", label: words.video_address, widget: "string", hint: words.video_pattern },
        { name: "title", label: words.video_title, widget: "string", required: false },
      ],
      pattern: new RegExp(`^(?:\\[([^\\]\\n]+)\\]\\((${videoPattern().slice(1, -1)})\\)|(${videoPattern().slice(1, -1)}))$`),
      fromBlock: (match) => ({ title: match[1] || "", url: match[2] || match[3] }),
      toBlock: (data) => (strip(data.title || "") ? `[${strip(data.title).replace(/[\\\]]/g, "\\$&")}](${strip(data.url)})` : strip(data.url || "")),
      // The card the article page shows (theme/templates/partials/story.html), without a player.
      toPreview: (data) =>
        h(
          "figure",
          { className: "embed embed-video" },
          h(
            "a",
            { className: "embed-card", href: data.url },
            h("span", { className: "embed-play", "aria-hidden": "true" }),
            h("span", { className: "embed-text" }, h("span", { className: "embed-title" }, data.title || data.url)),
          ),
        ),
    });
    // A new story's file: named from its first headline, in the folder of its month (the
    // collection's `slug` and `path` read these). A saved story keeps its file for good.
    CMS.registerEventListener({
      name: "preSave",
      handler: ({ entry }) => {
        let data = entry.get("data");
        if (!entry.get("newRecord")) return data;
        const moment = momentOf(data.get("date")) ?? Date.now();
        const parts = wallParts(moment, site.timezone);
        return data
          .set("warta_name", pelicanSlug(data.get("title") || "") || "berita")
          .set("warta_year", parts.year)
          .set("warta_month", parts.month);
      },
    });
  }

  window.WartaEditor = { storyText, readStory, fromEditor, pelicanSlug, wallText, readMoment, dateLabel };

  // On a phone the form comes first: Decap's preview takes the whole screen there (see
  // warta-editor.css), and its eye button brings it up. A choice the reporter made stays.
  if (window.matchMedia("(max-width: 799px)").matches && localStorage.getItem("cms.right-pane") === null) {
    localStorage.setItem("cms.right-pane", "none");
  }

  document.addEventListener("DOMContentLoaded", async () => {
    const answer = await fetch("warta-editor.json", { credentials: "same-origin" });
    site = await answer.json();
    register(window.CMS);
    window.CMS.init();
  });
})();
