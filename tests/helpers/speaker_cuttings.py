"""Invented cuttings in which one speaker is spelt several ways, for the speaker-name tests.

The transport secretary is "Tony Reeve" in the first, "Reeve" in the other two; the
Conservatives are "Tories" in one and "tories" in another; "sanctions" is in Reeve's
own words once and outside them once; the last paragraph gives words to two speakers.
"""
from __future__ import annotations

from pathlib import Path

from search.library import Library

FERRY_BUDGET = """Harbour council approves ferry budget

By Mara Quill

13 January 2022

The transport secretary Tony Reeve said the harbour ferry would run all winter.

"We will not let the island be cut off," Mr Reeve said on Monday.

Council leader Ana Hale said the Tories had backed the plan.

The Tories said the plan came two years late.
"""

FARES = """Ferry fares to rise in spring

By Mara Quill

20 February 2022

Fares will rise by a tenth in April, the transport secretary said.

"Nobody likes paying more, but the sanctions on fuel leave us no choice," Reeve, the transport secretary, said.

The tories said the rise was a betrayal of island families.
"""

SANCTIONS = """Island fuel sanctions bite

By Mara Quill

3 March 2022

Asked about the sanctions on fuel, Mr Reeve said the fares were fair.

"The sanctions were never aimed at islanders," Ana Hale said.

Ana Hale said the sanctions were harsh, while Mr Reeve said the fares were fine.
"""

CUTTINGS = (("budget.txt", FERRY_BUDGET), ("fares.txt", FARES), ("sanctions.txt", SANCTIONS))


def speaker_library(home: Path) -> Library:
    library = Library(home)
    for name, text in CUTTINGS:
        library.add(text, name)
    return library
