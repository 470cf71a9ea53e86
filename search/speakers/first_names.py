"""Common first names with their usual gender: a soft signal for "he"/"she".

Deliberately short: a name not listed is simply of unknown gender. Names that
end in "a" are taken as female unless listed as male (Joshua, Luca).
"""
from __future__ import annotations

FEMALE = frozenset("""
abigail alice alison amanda amy andrea angela ann anne annie barbara beatrice beth bridget carol
caroline catherine cherie charlotte chloe christine claire clare condoleezza dame deborah diana diane
dido doris dorothy elain elaine eleanor elizabeth ellen emily emma esther eve fiona fran frances gillian
grace hannah harriet hazel heather helen helena hillary ingrid isabel jacoba jacqueline jane janet
jennifer jenny jessica jill joan joanna jo josephine joyce judith judy julia julie kate katherine
kathleen kathy kay kelly kim kirsty laura lauren linda lindsay lisa liz louise lucy lynn madonna
margaret maria marie marion martha mary maureen melanie michelle miriam molly monica nancy natalie
nicola nicole nora olivia paula pauline penny rachel rebecca rita rose ruth sally samantha sandra
sarah shirley sophie stella sue susan suzanne tessa theresa tracey victoria wendy yvonne zoe
audrey barbara carey honor anita tess kylie britney beyonce
""".split())

MALE = frozenset("""
adam adamu alan alex alexander alistair andrew andy anthony antonio arnold arthur assad ben benjamin
bernard bill bob brian bruce carl carlo carlos charles chris christopher colin craig dan daniel dave
david dennis derek dick dicky donald douglas duncan ed eddie edward eric fabien francis frank fred
gareth gary george gerald gordon graham greg harold harry henry hugh hugo ian ivan jack james jamie
jason jeff jeremy jim jimmy joe john jon jonathan jose joseph joshua juan julian keith ken kevin
lawrence lee leo luca malcolm mark martin matthew michael mick mike mohammed nathan neil nestor nick
nigel noel oliver owen patricio patrick paul peter phil philip pierre ray raymond richard rick rob
robert robin rod roger ronald roy rupert russell ryan sam samuel scott sean sergei sergio simon
stephen steve steven stuart ted terry thierry thomas tim timothy tom tommy tony trevor vassilli
victor vladimir walter wayne william yannick joel tiger wolfgang kofi gerhard jacques silvio
""".split())


def gender_of_first_name(name: str) -> str | None:
    first = name.lower()
    if first in FEMALE:
        return "f"
    if first in MALE:
        return "m"
    if len(first) > 2 and first.endswith("a") and first.isalpha():
        return "f"
    return None
