"""Common first names with their usual gender: a soft signal for "he"/"she".

Common English first names only: a name not listed is simply of unknown
gender, and a name used for both (Jordan, Leslie) is best left out. Names that
end in "a" are taken as female unless listed as male (Joshua, Luca).
"""
from __future__ import annotations

FEMALE = frozenset("""
abigail alice alison amanda amy andrea angela ann anne annie barbara beatrice beth bridget carol caroline
catherine cherie charlotte chloe christine claire clare condoleezza dame deborah diana diane dido doris
dorothy elain elaine eleanor elizabeth ellen emily emma esther eve fiona fran frances gillian grace hannah
harriet hazel heather helen helena hillary ingrid isabel jacoba jacqueline jane janet jennifer jenny jessica
jill joan joanna jo josephine joyce judith judy julia julie kate katherine kathleen kathy kay kelly kim kirsty
laura lauren linda lindsay lisa liz louise lucy lynn madonna margaret maria marie marion martha mary maureen
melanie michelle miriam molly monica nancy natalie nicola nicole nora olivia paula pauline penny rachel
rebecca rita rose ruth sally samantha sandra sarah shirley sophie stella sue susan suzanne tessa theresa
tracey victoria wendy yvonne zoe audrey barbara carey honor anita tess kylie britney beyonce agnes alexandra
alicia allison alyssa amber amelia anita annette april arlene ashley audrey ava becky belinda bernadette
bernice betsy betty beverly bonnie brenda brittany brooke candace carla carly carmen carolyn cassandra cathy
cecilia celia cheryl christina cindy colleen connie constance courtney crystal cynthia daisy danielle darlene
dawn debbie debra denise diane dolores donna doreen edith edna eileen elena elise ella eloise emilia erica
erin estelle ethel eugenia evelyn felicity florence frankie gail gemma georgia geraldine gina ginger gladys
gloria gwen gwendolyn harriet heidi hilary holly ida irene iris isabella ivanka jackie jan janice jasmine jean
jeanne jeanette jenna jillian joann joanne jocelyn josie joy juanita judi june karen kathryn katie katrina kay
kellyanne kimberly kirsten krista kristen kristin lana laurie leah lena lillian lily loretta lorraine louisa
lucille lydia lynda lynne mabel madeline madison maggie mandy marcia margo marguerite marianne marilyn
marjorie marlene martha maxine megan megyn melinda melissa meredith mildred millie mindy minnie miranda misty
muriel myrtle nadia nadine nancy nell nellie nikki nina noreen norma olga opal pam pamela patricia patsy peggy
phoebe phyllis polly priscilla rachael ramona regina renee rhonda roberta robyn rosa rosalind rosemary rosie
roxanne ruby sabrina sadie sara sarah selina serena sharon sheila shelley sherry shirley sonia sophia stacey
stacy stephanie susie suzanne sylvia tamara tammy tania tanya teresa theresa tiffany tina toni tracy trudy
ursula valerie vanessa vera veronica vicki vickie viola violet virginia vivian wanda whitney wilma winifred
yolanda
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
aaron abraham al albert alec alfred allen alvin andre angus archie arnie austin barry bart ben
bernie bert bill billy bobby boris brad bradley brendan brent brett bruno bryan byron calvin cameron
carter cecil chad charlie chester chuck clarence clark claude clayton cliff clifford clint clinton clyde cody
conrad cory curtis cyril dale damian danny darrell darren dean denis derrick desmond dominic don donny
dougie drew dustin dwayne dwight earl eddy edgar edmund edwin eli elijah elliot elmer emmanuel ernest
ernie ethan eugene evan everett felix fernando floyd forrest franklin freddie frederick gabriel garrett gene geoff
geoffrey gerard gilbert glen glenn gordon grady grant gregory gus guy hank harvey hector herbert herman
homer horace howard hubert humphrey irving isaac jake jared jay jeb jerome jerry jesse jesus jimmie
joey johnny jonah jorge julio justin karl keith kenneth kent kevin kirk kurt kyle lance
larry leon leonard leroy lester lewis liam lloyd logan lou louis lowell luke luther marco
marcus mario marshall marty marvin max maurice melvin mickey miguel miles milton mitch mitchell mitt morris
murray nate neal ned nelson newt nicholas norman oscar otis ozzie pablo percy perry pete phillip
preston quentin ralph randall randy raul reggie reginald rex ricardo ricky roberto rodney roland ron ronnie
ross rubin rudolph rudy rufus russ salvador sammy saul scotty seth shane shawn sheldon sid sidney
spencer stan stanley sterling stewart ted teddy terrence theo theodore tobias todd tony travis troy tyler
vernon vince vincent wade wallace walt warren wesley wilbur wilfred willie willis wilson winston zach zachary
""".split())


def is_first_name(name: str) -> bool:
    """A listed first name ("Paul", "Gill"), not a guess from its ending."""
    return name.lower() in FEMALE or name.lower() in MALE


def gender_of_first_name(name: str) -> str | None:
    first = name.lower()
    if first in FEMALE:
        return "f"
    if first in MALE:
        return "m"
    if len(first) > 2 and first.endswith("a") and first.isalpha():
        return "f"
    return None
