"""The plain forms of regular expressions the product replaced by faster ones: the oracles
the speed tests compare the faster forms with."""

import re

# footer-block's glued teaser: the position before the capital of "…In Northern MichiganMichigan"
GLUE = re.compile(r"(?:(?<=[a-z]{3})|(?<=[\d?!.])|(?<=\S[’'\"”)\]]))(?=[A-Z][a-z]|A\s[a-z\d])")
# the segmenter's word and token before a full stop (searched in text[lo:end])
WORD_BEFORE = re.compile(r"([\w.&'’-]+)$")
TOKEN_BEFORE = re.compile(r"(\S+)$")
