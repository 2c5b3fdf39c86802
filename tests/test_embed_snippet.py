"""The embed snippet on a host page it does not control: its message listener sizes only the
iframe it marked, from that iframe's window and the embed's origin, to a sane height; and
the base URL it is given is a web address, never a script."""

import json
import re
import shutil
import subprocess

import pytest

from mapgen.site.pages import SiteError, iframe_snippet, write_site

NODE = shutil.which("node")

# A host page as small as the listener needs: the snippet's iframe, an ad's iframe beside it,
# and messages from each; what the listener did to each container is printed.
HOST = """
var listeners = [], boxes = {};
function frame(name, marked) {
  var box = {style: {}}; boxes[name] = box;
  return {contentWindow: {name: name}, parentNode: box, marked: marked};
}
var frames = [frame("map", true), frame("ad", false)];
var window = {addEventListener: function (type, f) { if (type === "message") listeners.push(f); }};
var document = {querySelectorAll: function (selector) {
  if (selector !== "iframe[data-mapgen-embed]") throw new Error("unexpected selector " + selector);
  return frames.filter(function (f) { return f.marked; });
}};
%s
var sent = %s;
sent.forEach(function (m) {
  var source = frames.filter(function (f) { return f.contentWindow.name === m.from; })[0].contentWindow;
  listeners.forEach(function (f) { f({data: {"mapgen-height": m.height}, source: source, origin: m.origin}); });
});
console.log(JSON.stringify({map: boxes.map.style.height || null, ad: boxes.ad.style.height || null}));
"""


def heights(snippet: str, *messages: dict) -> dict:
    script = re.search(r"<script>(.*)</script>", snippet, re.S).group(1)
    program = HOST % (script, json.dumps(list(messages)))
    return json.loads(subprocess.run([NODE, "-e", program], capture_output=True, text=True, check=True).stdout)


needs_node = pytest.mark.skipif(NODE is None, reason="node runs the snippet's script")


@needs_node
def test_an_ad_on_the_host_page_cannot_size_any_container():
    snippet = iframe_snippet("https://maps.example.org/a/embed.html", "A map")
    assert 'data-mapgen-embed=""' in snippet
    ad = {"from": "ad", "height": 5000, "origin": "https://maps.example.org"}
    assert heights(snippet, ad) == {"map": None, "ad": None}


@needs_node
def test_only_the_embeds_origin_and_a_sane_height_count():
    snippet = iframe_snippet("https://maps.example.org/a/embed.html", "A map")
    at = "https://maps.example.org"
    assert heights(snippet, {"from": "map", "height": 480, "origin": at}) == {"map": "480px", "ad": None}
    assert heights(snippet, {"from": "map", "height": 480, "origin": "https://ads.example.com"})["map"] is None
    for height in (5000, 20, -1, 1e308, "480", None):
        assert heights(snippet, {"from": "map", "height": height, "origin": at})["map"] is None, height


@needs_node
def test_an_embed_opened_from_disk_has_the_origin_null_and_a_relative_one_any():
    on_disk = iframe_snippet("file:///home/desk/site/embed.html", "A map")
    assert heights(on_disk, {"from": "map", "height": 300, "origin": "null"})["map"] == "300px"
    assert heights(on_disk, {"from": "map", "height": 300, "origin": "https://x.org"})["map"] is None
    beside = iframe_snippet("site/embed.html", "A map")  # the host page's own origin, whatever it is
    assert heights(beside, {"from": "map", "height": 300, "origin": "https://news.example"})["map"] == "300px"


@pytest.mark.parametrize("url", ["javascript:alert(1)//", "JavaScript:alert(1)/", "data:text/html,x/", "ftp://x/"])
def test_a_base_url_that_is_no_web_address_is_refused(tmp_path, article, places, url):
    with pytest.raises(SiteError, match="base URL must be"):
        write_site(article, places, tmp_path / "site", base_url=url)
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("url", ["http://[::1/", "https://maps.example.org:port/"])
def test_a_base_url_that_cannot_be_read_is_one_line(tmp_path, article, places, url):
    with pytest.raises(SiteError, match="base URL must be"):
        write_site(article, places, tmp_path / "site", base_url=url)
