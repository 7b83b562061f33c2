"""footer-block's signals beyond the fixtures: comment threads, archive widgets, cookie
banners and glued teaser cards, each with text that must not count."""

import pytest

from lint.config import Config
from lint.engine import build_ruleset, lint_source
from lint.parse import parse
from lint.rules import footer_block as fb


@pytest.mark.parametrize("text,expected", [
    ("This website uses cookies to improve your experience. You can opt-out in the privacy settings.", True),
    ("We use cookies and other tracking technologies to improve your browsing experience on our site.", True),
    ("Necessary cookies are absolutely essential for the website to function, and the settings keep your consent.", True),
    ("She baked three dozen cookies for the school fair and sold them all before noon.", False),
    ("The regulator said websites must ask before they set cookies.", False),  # news about cookies
])
def test_consent_notice(text, expected):
    assert fb.consent_notice(text) is expected


@pytest.mark.parametrize("text,expected", [
    ("DNR Seeks Tips About Bull Elk Poached In Northern MichiganMichigan conservation officers are asking "
     "the public for tips about an elk that was shot and left.", True),
    ("Is Violence In Sports On The Rise?Violence is part of the game in many sports but this one crossed a line.", True),
    ("The company sells YouTube ads and PayPal accounts to small firms across the region every year.", False),
    ("McDonald's opened a new restaurant on the corner of Main Street and Elm Avenue last week.", False),
    ("Watch The Interview On YouTube", False),  # a title with a camel-case name, no sentence after
    # names and opening quotes are not glue
    ("Good job General McChrystal. I’m pretty sure that after five or six years the line will have diminished enough.", False),
    ("Appearing on MSNBC's \"The 11th Hour with Brian Williams\" after an evening rally in Williamsburg, the governor spoke.", False),
    # glue after a number, or before a one-letter word
    ("Customers Leave Without Paying $690 Bill At Troy SteakhouseA party of six left Ruth's Chris Steakhouse in Troy without paying.", True),
    ("Michigan To Mail Redistricting Panel Applications To 250,000The state of Michigan will mail applications to voters this week.", True),
])
def test_glued_teaser(text, expected):
    assert fb.glued_teaser(text) is expected


@pytest.mark.parametrize("line,expected", [
    ("October 2019", True), ("2019", True), ("November", True), ("May 2017 (4)", True),
    ("October 2019 was a record month for the harbour.", False), ("Released in 2019", False),
])
def test_archive_entries_are_date_lines(line, expected):
    assert bool(fb._DATE_LINE.match(line)) is expected


def _units(lines):
    units = [fb.Unit(0, 0, t, "line") for t in lines]
    stop = fb.stop_words_for("en")
    opts = fb.FooterBlock.Options()
    for u in units:
        u.cls = fb.classify(u.text, stop, opts)
    return units


def test_comment_thread_runs_from_the_marker_to_the_last_reply():
    units = _units([
        "The article ends here with a sentence long enough to be prose in any reading of it at all.",
        "2 comments",
        "Cherie McCluney August 17, 2019 - 2:19 pm",
        "I made this jam today and it turned out really good, but please give the pectin in tablespoons.",
        "Reply",
        "Regan August 19, 2019 - 5:48 pm",
        "I am glad you liked it and thanks for your feedback, I used a whole jar of pectin.",
        "Reply",
        "Popular posts",
    ])
    assert fb.comment_thread(units, 1) == (1, 7)


def test_one_dated_byline_is_not_a_thread():
    units = _units([
        "Posted by Jane Doe on May 2, 2018 at 6:34 am",
        "The article starts here with a sentence long enough to be prose in any reading of it at all.",
        "Tom said: the rest of the quote follows in this paragraph of the article, as quotes do.",
    ])
    assert fb.comment_thread(units, 0) is None


def test_teaser_cards_inside_an_article_need_a_run():
    """One glued line inside the body is not furniture on its own: only a run of four."""
    text = (
        "Council approves new harbour budget\n\n"
        "The town council approved the harbour budget on Monday after a long debate about the cost of "
        "repairing the old sea wall, which was damaged in the winter storms.\n\n"
        "Fishermen Welcome Early Start To The Crab SeasonThe crab season opens two weeks earlier this year "
        "after the survey found more young crabs than at any time since 2010.\n\n"
        "The repairs will start in the spring and should take about eight months, the harbour master said, "
        "adding that the fishing fleet would be able to use the inner basin throughout.\n"
    )
    config = Config(select=("BP002",))
    assert lint_source(text, "a.txt", build_ruleset(config)).diagnostics == []


@pytest.mark.parametrize("line,expected", [
    ("Novembro (113)", True), ("WordPress(53)", True), ("►PC(65)", True), ("7k SHARES", True),
    ("The committee met (twice) on Monday", False), ("Apollo 11 (1969)", False), ("Alien (1979)", False),
])
def test_category_entries_with_post_counts_are_counts(line, expected):
    assert fb.is_count(line) is expected


def test_stop_words_follow_the_prose_not_the_menus():
    menus = ["Início", "Notícias", "Prefeitura", "Serviços", "Contatos", "Galeria de Fotos"] * 30
    prose = ("A equipe do serviço registrou nesta manhã o arrombamento de dois veículos que estavam "
             "estacionados em frente à unidade de saúde, e a polícia foi chamada para o local.")
    text = "\n\n".join(menus + [prose, prose.replace("manhã", "tarde")]) + "\n"
    units = fb.units_of(parse(text, "a.txt"))
    everything = fb._WORD.findall(" ".join(u.text for u in units))
    long_words = fb._WORD.findall(" ".join(u.text for u in units if len(u.text) >= 50))
    assert fb.pick_stop_words(everything, "en") == fb.stop_words_for("en")  # the menus decide
    assert fb.pick_stop_words(long_words, "en") == fb.stop_words_for("portuguese")


HEADLINES = [
    "Here's exactly how to figure out when you can retire",
    "How to invest in real estate to make money and build wealth",
    "How to get health insurance if you lose your job or retire early",
]


def test_headline_runs_need_eight_lines_or_a_list_heading():
    plain = [fb.Unit(0, 0, t, "line") for t in HEADLINES]
    assert fb.headline_runs(plain) == [False] * 3
    headed = [fb.Unit(0, 0, "Related coverage from Money:", "line")] + plain
    assert fb.headline_runs(headed) == [True] * 4
    many = [fb.Unit(0, 0, t, "line") for t in HEADLINES * 3]
    assert fb.headline_runs(many) == [True] * 9


def test_a_headed_list_may_carry_a_summary_under_each_headline():
    lines = ["Most Read",
             "Tuesday's hearings were a disaster for the committee",
             "Even its own witnesses said damaging things.",
             "One witness confirmed the deal on television",
             "This may be the biggest moment of the hearings so far."]
    units = [fb.Unit(0, 0, t, "line") for t in lines]
    assert fb.headline_runs(units) == [True] * 5
    # without the heading, summaries break the run
    assert fb.headline_runs(units[1:]) == [False] * 4


def test_a_list_of_one_template_is_content_not_headlines():
    dates = [fb.Unit(0, 0, f"June {d} -- Arena number {d}, Springfield, IL", "line") for d in range(1, 10)]
    assert fb.headline_runs(dates) == [False] * 9
    # Markdown list items are the author's structure
    items = [fb.Unit(0, 0, t, "list_item", authored=True) for t in HEADLINES * 3]
    assert fb.headline_runs(items) == [False] * 9


@pytest.mark.parametrize("text,expected", [
    ("Get breaking space news and more! Sign up for e-mail newsletters. No spam, we promise.", True),
    ("Follow us on Twitter and join our forums to keep talking space.", True),
    ("Subscribe to our newsletter for the latest deals in your inbox.", True),
    ("The paper lost 20,000 subscribers after it raised the price of a subscription.", False),
    ("She decided to subscribe to the magazine after reading one issue.", False),
])
def test_promo_notice(text, expected):
    assert fb.promo_notice(text) is expected


@pytest.mark.parametrize("predicate,text,expected", [
    ("photo_credit", "Photo by Kirk Irwin/Getty Images", True),
    ("photo_credit", "Protesters have worn masks to protect their identities (Image: GETTY )", True),
    ("photo_credit", "A cyclist rides next to a blocked plant. © Reuters / David Mercado", True),
    ("photo_credit", "The storm seen from orbit. Credit: NASA/JPL-Caltech/SwRI/MSSS", True),
    ("photo_credit", "Sakib Ali/Hindustan Times/Getty Images", True),
    ("photo_credit", "Existence 1 (Photo credit: Vincepal)", True),
    ("photo_credit", "made into an image by Samuel Hulick:", False),  # introduces a picture
    ("photo_credit", "The photo by Annie Leibovitz hangs in the gallery today", False),
    ("photo_credit", "He took a photo by the lake", False),
    ("photo_credit", "The band played AC/DC and Reuters reported it the next day", False),
    ("reader_consent_notice", "We use cookies and other tracking technologies to improve your browsing experience on our site.", True),
    ("reader_consent_notice", "By choosing I Accept, you consent to our use of cookies and other tracking technologies.", True),
    # news about banners does not speak to the reader
    ("reader_consent_notice", "The regulator said websites must ask for consent before tracking cookies are set, citing privacy law.", False),
])
def test_lines_furniture_on_their_own_words(predicate, text, expected):
    assert getattr(fb, predicate)(text) is expected


def test_tally_runs_are_counts_of_one_thing():
    poll = ["%165 голосов", "%61 голос", "%24 голоса", "%6 голосов", "%50 голосов"]
    assert all(fb.tally_runs(_units(poll)))
    assert not any(fb.tally_runs(_units(poll[:4])))  # too short a run to be a table
    widgets = ["7k SHARES", "3 Comments", "12 Likes", "5 Tweets", "9 Pins"]
    assert not any(fb.tally_runs(_units(widgets)))
    archive = ["WordPress (53)", "News (12)", "Linux (7)", "Python (21)", "Rust (4)"]
    assert not any(fb.tally_runs(_units(archive)))


def test_one_template_guard_does_not_depend_on_the_hash_seed():
    """A tie between "no punctuation" and one mark used to be broken by a set's order, which
    changes from run to run (PYTHONHASHSEED): the same page was flagged in some runs only."""
    import subprocess
    import sys

    tie = ["Tuesday's hearings were a disaster for the committee", "One witness confirmed the deal on television"]
    assert fb._structured(tie) is False
    assert fb._structured(["June 9 -- Arena, City, FL", "June 12 -- Hall, Town, TX", "Tickets on sale now"]) is True
    code = f"import lint.rules.footer_block as fb; print(fb._structured({tie!r}))"
    answers = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env={**__import__('os').environ, "PYTHONHASHSEED": str(seed)}).stdout.strip()
               for seed in (0, 1, 18, 27, 34)}  # 18, 27, 34 gave True before the fix
    assert answers == {"False"}
