"""PLACEHOLDER: pasted text -> Article (to be written)."""
from search.model import Article, Paragraph


def parse_pasted(text: str, *, name: str = "the pasted text") -> Article:
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    return Article(title=blocks[0] if blocks else "", paragraphs=[Paragraph(n=i, text=b) for i, b in enumerate(blocks[1:])])
