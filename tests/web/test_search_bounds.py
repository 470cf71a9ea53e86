"""A search that would expand to too many words is refused with a message, as a page and as data."""
from __future__ import annotations


def test_a_too_broad_wildcard_is_a_400_that_says_how_to_narrow_it(client):
    page = client.get("/search?q=%3F*")  # ?*: every word in the library
    assert page.status_code == 400
    assert "more letters" in page.get_data(as_text=True)
    data = client.get("/search.json?q=%3F*")
    assert data.status_code == 400 and "more letters" in data.get_json()["error"]["message"]
    assert client.get("/search?q=barr*").status_code == 200  # a prefix of a few words is answered
