/* mapgen's editor's view (edit.html): each place's popup lists its runners-up;
   choosing one, dropping the place or dragging its marker rewrites the
   corrections file shown beside the map, which the page offers to download.
   It all happens in the page, opened from disk with no server. Every text of
   the article reaches the page through textContent, never as HTML.
   edit.html calls mapgenEdit.start with the data the editor's page is written with. */
var mapgenEdit = (function () {
  "use strict";

  var SECTIONS = ["pin", "drop", "add", "rename", "mark"];
  var data, sections;  // sections: section → name → the TOML value written after "name = "

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function button(text, action) {
    var node = el("button", null, text);
    node.type = "button";
    node.addEventListener("click", action);
    return node;
  }

  /* A TOML basic string: JSON's escapes are TOML's, save DEL, which TOML wants escaped. */
  function tomlString(text) {
    return JSON.stringify(text).replace(/\u007f/g, "\\u007f");
  }

  function toml() {
    var lines = data.header.slice();
    SECTIONS.forEach(function (section) {
      var names = Object.keys(sections[section]);
      if (!names.length) return;
      lines.push("", "[" + section + "]");
      names.forEach(function (name) { lines.push(tomlString(name) + " = " + sections[section][name]); });
    });
    return lines.join("\n") + "\n";
  }

  function show() {
    document.getElementById("mg-edit-toml").textContent = toml();
  }

  /* What is said of a name now replaces what was said of it before: one pin or one drop. */
  function correct(place, section, value) {
    delete sections.pin[place.name];
    delete sections.drop[place.name];
    sections[section][place.name] = value;
    show();
  }

  function icon(place) {
    var body = el("span", "mg-icon");
    body.appendChild(el("span", "mg-symbol"));
    body.appendChild(el("span", "mg-label", place.shown));
    return L.divIcon({ html: body, className: "mg-marker mg-" + place.kind, iconSize: [20, 20], iconAnchor: [10, 10] });
  }

  function popup(map, place, marker) {
    var box = el("div", "mg-popup mg-edit-popup");
    box.appendChild(el("h2", "mg-popup-name", place.shown));
    box.appendChild(el("p", "mg-popup-where", place.chosen));
    box.appendChild(el("p", "mg-popup-low", place.changed
      ? "changed here: download the file and build again"
      : place.origin + ", confidence " + place.confidence.toFixed(2)));
    if (place.origin === "added") {
      box.appendChild(button("Remove this added place", function () {
        delete sections.add[place.name];
        show();
        gone(map, place, marker);
      }));
      return box;
    }
    var others = place.runners_up.filter(function (other) { return other.pin !== sections.pin[place.name]; });
    if (others.length) {
      box.appendChild(el("p", null, "Or rather:"));
      var list = el("ul", "mg-edit-choices");
      others.forEach(function (other) {
        var item = el("li", null, other.what + " ");
        item.appendChild(button("Choose", function () {
          correct(place, "pin", other.pin);
          changed(place, other.place, [other.lat, other.lon], marker);
          marker.closePopup();
        }));
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    if (place.changed) {
      box.appendChild(button("Undo: back to " + place.before.chosen, function () {
        undo(map, place, marker);
        marker.closePopup();
      }));
    }
    box.appendChild(button("Drop " + place.name + " from the map", function () {
      correct(place, "drop", "true");
      gone(map, place, marker);
    }));
    return box;
  }

  function changed(place, chosen, at, marker) {
    place.changed = true;
    place.chosen = chosen;
    if (at) marker.setLatLng(at);
    listed(place);
  }

  /* A place dropped or removed: off the map, and struck out in the list, whose button brings it back. */
  function gone(map, place, marker) {
    place.gone = true;
    map.removeLayer(marker);
    listed(place);
  }

  /* Back to what the page opened with: mapgen's choice, or the corrections file's. */
  function undo(map, place, marker) {
    var before = place.before;
    ["pin", "drop", "add"].forEach(function (section) {
      if (before.values[section] === undefined) delete sections[section][place.name];
      else sections[section][place.name] = before.values[section];
    });
    show();
    place.changed = false;
    place.gone = false;
    place.chosen = before.chosen;
    marker.setLatLng(before.at);
    if (!map.hasLayer(marker)) marker.addTo(map);
    listed(place);
  }

  function moved(place, marker) {
    var at = marker.getLatLng().wrap();
    var spot = "lat = " + at.lat.toFixed(4) + ", lon = " + at.lng.toFixed(4) + ", label = " + tomlString(place.label);
    correct(place, "pin", "{ " + spot + " }");
    changed(place, place.label + ", moved by hand");
  }

  /* Every place also in a list beside the map, for the marks that lie on one another:
     a place's button brings it into view and opens it, or brings back a place dropped. */
  function list(map, place, marker) {
    var item = el("li");
    place.entry = button("", function () {
      if (place.gone) {
        undo(map, place, marker);
        return;
      }
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 6), { animate: false });
      marker.openPopup();
    });
    item.appendChild(place.entry);
    document.getElementById("mg-edit-places").appendChild(item);
    listed(place);
  }

  /* The list says what the place is now: chosen, changed here, or dropped. */
  function listed(place) {
    var now = place.gone ? "dropped (undo)" : place.chosen + (place.changed ? " (changed)" : "");
    place.entry.textContent = place.shown + " \u2014 " + now;
    place.entry.classList.toggle("mg-edit-gone", !!place.gone);
  }

  function download() {
    var link = el("a");
    link.href = URL.createObjectURL(new Blob([toml()], { type: "application/toml" }));
    link.download = data.file;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function start(given) {
    data = given;
    sections = data.corrections;
    var map = L.map("mg-edit-map", { minZoom: data.basemap.minZoom, maxZoom: data.basemap.maxZoom });
    data.places.forEach(function (place) {
      var values = {};
      ["pin", "drop", "add"].forEach(function (section) { values[section] = sections[section][place.name]; });
      place.before = { chosen: place.chosen, at: [place.lat, place.lon], values: values };
      var marker = L.marker([place.lat, place.lon], {
        icon: icon(place), draggable: place.origin !== "added", keyboard: true, title: place.shown
      });
      // brought into view in one move: a popup still gliding (Leaflet's own pan) takes a click meant for its buttons
      marker.bindPopup(function () { return popup(map, place, marker); }, { maxWidth: 320, autoPan: false });
      marker.on("popupopen", function () { mapgenPopups.intoView(map, marker); });
      marker.on("dragend", function () { moved(place, marker); });
      marker.addTo(map);
      list(map, place, marker);
    });
    if (data.places.length) {
      map.fitBounds(data.places.map(function (p) { return [p.lat, p.lon]; }), { padding: [40, 40], maxZoom: 8 });
    } else {
      map.setView([20, 0], 2);
    }
    mapgen.backdrop(map, data.basemap);  // after the view: the countries' names fit it
    document.getElementById("mg-edit-download").addEventListener("click", download);
    show();
  }

  return { start: start, toml: toml };
})();
