"""A mention's sentence, looked up among the doc's sentences found once."""

from __future__ import annotations

from bisect import bisect_right

from ..model import Label, Mention

# A quote is its sentence, but no more than this many characters around the
# mention: a text with no sentence end would quote all of itself at each mention.
QUOTE_CHARS = 400


class Sentences:
    """The doc's sentences, found once: a mention's sentence is looked up, not searched for.

    `text` is the doc's text, as the caller has it (the article's): spaCy's Doc.text
    joins every token again at each use, so a use per organisation's name made a
    long text's reading quadratic (300 KB naming 7,000 organisations: 271 CPU s),
    and even once it cost a batch worker a hundredth of spaCy's reading.
    """

    def __init__(self, doc, text: str):
        self.text = text
        spans = [(s.start_char, s.end_char) for s in doc.sents]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def mention(self, start: int, end: int, label: Label) -> Mention:
        """The Mention of text[start:end], quoting its sentence or a window of it."""
        i = max(bisect_right(self.starts, start) - 1, 0)
        first, last = self._window(self.starts[i] if self.starts else 0, self.ends[i] if self.ends else end, start, end)
        quote = self.text[first:last]
        indent = len(quote) - len(quote.lstrip())
        return Mention(
            text=self.text[start:end],
            start=start,
            end=end,
            sentence=quote.strip(),
            sentence_start=first + indent,
            label=label,
        )

    def _window(self, first: int, last: int, start: int, end: int) -> tuple[int, int]:
        last = max(last, end)
        if last - first <= QUOTE_CHARS:
            return first, last
        room = max(QUOTE_CHARS - (end - start), 0) // 2
        low, high = max(first, start - room), min(last, end + room)
        if low > first:  # begin and end on whole words
            space = self.text.find(" ", low, start)
            low = space + 1 if space >= 0 else low
        if high < last:
            space = self.text.rfind(" ", end, high)
            high = space if space >= 0 else high
        return low, high
