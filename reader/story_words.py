"""Words that say nothing about which event an article reports, for story detection."""

from __future__ import annotations

STOP_WORDS: frozenset[str] = frozenset(
    """
    a about above according across after afterwards again against ago all almost alone along
    already also although always am among amongst an and another any anyone anything anyway
    anywhere are around as at back be became because become becomes been before beforehand
    behind being below beside besides between beyond both but by can cannot could did do does
    doing done down during each either else elsewhere enough even ever every everyone
    everything everywhere except few first for former formerly from further get gets getting
    give given go going gone got had has have having he hence her here hers herself him
    himself his how however i if in include including indeed into is it its itself just keep
    last later latter least less like made make makes making many may me meanwhile might mine
    more moreover most mostly much must my myself near nearly neither never nevertheless next
    no nobody none nor not nothing now nowhere of off often on once one only onto or other
    others otherwise our ours ourselves out over own part per perhaps put rather re really
    same say said says saying see seem seemed seems several she should show since so some
    somehow someone something sometime sometimes somewhere still such take than that the
    their theirs them themselves then there thereafter thereby therefore therein these they
    thing things this those though through throughout thus to together too toward towards
    under until up upon us very via was we well were what whatever when whence whenever where
    whereas whether which while who whoever whole whom whose why will with within without
    would yet you your yours yourself yourselves
    mr mrs ms dr told tell tells asked added including new news report reports reported
    reporting reporter reporters story stories article year years week weeks day days today
    yesterday tomorrow time times month months monday tuesday wednesday thursday friday
    saturday sunday morning afternoon evening night tonight people statement according
    two three four five six seven eight nine ten first second third percent want wants
    wanted way ways think thought know known lot lots come comes came went use used using
    look looked looking called call calls work working need needs told says saying around
    photo image images video getty ap reuters copyright click read share email subscribe
    advertisement sign newsletter follow twitter facebook instagram live updated
    associated press rights reserved material published broadcast rewritten redistributed
    """.split()
)
"""Function words, reporting verbs, calendar words and page furniture; none names an event."""
