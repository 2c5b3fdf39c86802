/* mapgen's editor's view (edit.html): each place's popup lists its runners-up;
   choosing one, dropping the place or dragging its marker rewrites the
   corrections file shown beside the map, which the page offers to download.
   It all happens in the page, opened from disk with no server. Every text of
   the article reaches the page through textContent, never as HTML.
   edit.html calls mapgenEdit.start with the data mapgen.edit writes. */
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
    var lines = [
      "# Corrections for " + data.source.replace(/[\r\n]/g, " ") + ", written by mapgen's edit page.",
      "# Save it beside the article as " + data.file + " (or name it with --corrections) and build again."
    ];
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
    box.appendChild(el("p", "mg-popup-low", place.origin + ", confidence " + place.confidence.toFixed(2)));
    if (place.origin === "added") {
      box.appendChild(button("Remove this added place", function () {
        delete sections.add[place.name];
        show();
        listed(place, true);
        map.removeLayer(marker);
      }));
      return box;
    }
    if (place.runners_up.length) {
      box.appendChild(el("p", null, "Or rather:"));
      var list = el("ul", "mg-edit-choices");
      place.runners_up.forEach(function (other) {
        var item = el("li", null, other.what + " ");
        item.appendChild(button("Choose", function () {
          correct(place, "pin", other.pin);
          place.chosen = other.what;
          listed(place);
          marker.setLatLng([other.lat, other.lon]);
          marker.closePopup();
        }));
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    box.appendChild(button("Drop " + place.name + " from the map", function () {
      correct(place, "drop", "true");
      listed(place, true);
      map.removeLayer(marker);
    }));
    return box;
  }

  function moved(place, marker) {
    var at = marker.getLatLng().wrap();
    var spot = "lat = " + at.lat.toFixed(4) + ", lon = " + at.lng.toFixed(4) + ", label = " + tomlString(place.label);
    correct(place, "pin", "{ " + spot + " }");
    place.chosen = place.label + ", moved by hand";
    listed(place);
  }

  /* Every place also in a list beside the map, for the marks that lie on one another:
     a place's button brings it into view and opens it. */
  function list(map, place, marker) {
    var item = el("li");
    place.entry = button(place.shown + " \u2014 " + place.chosen, function () {
      if (!map.hasLayer(marker)) return;
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 6));
      marker.openPopup();
    });
    item.appendChild(place.entry);
    document.getElementById("mg-edit-places").appendChild(item);
  }

  /* The list says what the place is now: chosen, moved or dropped. */
  function listed(place, gone) {
    place.entry.textContent = place.shown + " \u2014 " + (gone ? "dropped" : place.chosen);
    place.entry.classList.toggle("mg-edit-gone", !!gone);
    place.entry.disabled = !!gone;
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
      var marker = L.marker([place.lat, place.lon], {
        icon: icon(place), draggable: place.origin !== "added", keyboard: true, title: place.shown
      });
      marker.bindPopup(function () { return popup(map, place, marker); }, { maxWidth: 320 });
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
