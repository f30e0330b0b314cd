"""The extraction version, apart from the extractors so that checking for stale records (every
ingest does) does not import spaCy."""

# Bump when extraction logic or lexicons change in a way that should re-run on stored articles.
# 5: events typed by the learned classifier beside the rules; historical mentions, merged events
# 6: recipients from the parse (a place as object or after a recipient preposition); profile-aware
# 7: "said X would" is future; negative-pronoun objects negate; sign → AGREE; a weapon subject's
#    owner is the actor; a part or a whole of another count ("110 of the 215", "among them 90
#    men", "from among 240") is no count held; patients and medics who "remain" are no captives
#    event dating: an antecedent of a present "comes after" and a "since the current …" span
#    are not the publication day
# 8: a present-tense time clause of a future clause is future ("will leave once they are freed");
#    a vague past ("several weeks ago"), or what a recording shows, leaves the event undated; a
#    participle used as a preposition ("the week beginning 7 April") passes its date on;
#    "earlier this month" ends the day before the writing; a count of people is who is counted
#    ("thousands of protesters"); more generic role nouns (paratroopers, medics, chancellor …);
#    sector-only recipients; the classifier keeps lexicon modes and never retypes across
#    cooperation and conflict; grain5's news phrasing (reduced relatives, plural anaphors,
#    announcements done by saying); a participle complement takes its clause's modality
# 9 (grain6): trade ("sent its exports", "kept exporting") and inspections are no event; wanting
#    another party to act is a REQUEST, with who is to act as recipient; a visit and the meeting
#    it is for are one consultation; a surname in -s tagged plural still answers "he"; an event
#    noun after "since" is asserted whatever its clause's modality
# 10: an occasioning event lends its time to what it saw or triggered; a "since" right after the
#    event's phrase is its span; what an image shows is undated; how captives came to be held is
#    presupposed background; an event inside an "after" clause shares its date; a bare verb
#    parsed as a finite verb's conjunct continues the infinitive
# 11: an office whose holder the article never named is an unnamed person of the office's
#    sector (was no actor, so its event was lost); more generic role nouns (chief, commission,
#    bloc, women, lawyers, journalists …) and a religion role (pope, clerics: sector REL)
# 12: more predicates of news (truces kept, guns falling silent, fire stopped or held, people
#    freed or saved, strikes, walkouts, blacklisting, recruiting, laying siege …); a bare count
#    of people is people; refusing an act that is no concession negates that act; particles the
#    parser attaches as adverbs ("walked out", "pulled out of"); a speaker that is an office the
#    article never filled is the same unnamed person as the actor; an offer or promise to yield
#    is a concession; an outlet's correction note gives no record; a participle naming the event
#    that saw another ("a deal agreed in November saw … release") lends it its time; an act done
#    repeatedly with no date of its own is undated
# 13: a page's list of links to other stories gives no record; a running total ("more than 9,000
#    have been killed in the offensive") and an act on each or every participant are undated
#    without a date of their own, and repetition carries over a conjunction; a number naming a
#    resolution or flight is no year; stance read from content (grain11: "rejected the charge"
#    is a denial, a "said" with "should" a demand, a named danger a warning); parse repairs for
#    reporting clauses hung inside the reported one; the classifier never turns force into
#    words nor types an aside; recipients named by the object's phrase, its owner, a protest's
#    purpose, a visit's place; unknown actors named by apposition or their body (lex10)
# 14: a relative clause between dashes says nothing past its closing dash (statements)
# 15: the grain13, plover13 and cameo13 senses, modality and recipient rules; a live blog's
#    clock stamp is its own sentence and HTML blocks are paragraphs; "two days later", "the next
#    day" count from the narrative's last date; a recent date's weekday slip keeps its year; a
#    lead-in phrase before an ellipsis dates its clause; what a dated attack did in its
#    relative clause is dated with it; a title's words stop at a verb
# 16: a "when" clause's date dates its main clause ("When she was kidnapped in 2009 she was
#    rescued by …")
# 17: what a report made at an unsaid earlier time ("previously said it had struck …") told
#    of is undated background
# 18: ships leaving a port are no withdrawal (only troops leaving are)
EXTRACTION_VERSION = 18
