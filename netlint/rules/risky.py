"""Risky statements: guarantees, unauthorised commitments, liability admissions,
advice outside the agent's role, disparagement, internal information, and
statements that contradict the guide's policy facts.

Every rule here is negation- and modality-aware (see ``netlint.negation``):
"we cannot guarantee", "I wish I could promise", a quoted customer sentence
and a question are not the agent's claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

from .. import regexcache as rc
from ..document import Document
from ..finding import Fix, Hit, Severity
from ..negation import asserted, is_question, shielded
from ..policy import COMMITMENTS, find_values, policy_of
from ..rule import Context, Rule
from ..statements import StatementRule, Trigger, trig

_I_WE = r"\b(?:I|we)"
_AUX = r"(?:['’]ll|['’]d|\s+will|\s+can|\s+do|\s+would|\s+shall|\s+hereby)?"
_ADV = r"(?:\s+(?:personally|absolutely|fully|totally|completely|100%))?"


class Guarantee(StatementRule):
    """## What it does
    Flags guarantees and promises in the agent's own words: "I guarantee",
    "we promise", "delivery is guaranteed", "this will never happen again",
    "you have my word". A negated or hedged guarantee ("we cannot guarantee",
    "there is no guarantee", "I wish I could promise", "I hope it never happens
    again"), a question, reported speech ("you were told it was guaranteed")
    and quoted customer text are left alone.

    ## Why
    A guarantee made by an agent can bind the company: in Moffatt v. Air Canada
    (2024) a tribunal held an airline to what its own chat told a customer.
    Promises that cannot be kept also turn one complaint into two.

    ## Example
    I guarantee your parcel will arrive tomorrow, and this will never happen again.

    ## Use instead
    Your parcel is booked for delivery tomorrow. We've added a note to your
    account so the team can look out for it.

    ## Fix safety
    No automatic fix: what the company can commit to is a judgment call.
    Company phrases go in `policy.phrases.guarantee`; phrases to let through
    (a product called "Guaranteed Delivery") in `policy.allow.guarantee` or the
    rule's `allow` option.
    """

    code = "R100"
    name = "guarantee"
    category = "risky"
    severity = Severity.ERROR
    needs = frozenset({"sentences"})
    policy_category = "guarantee"
    bad_examples = (
        "I guarantee your parcel will arrive tomorrow.",
        "Don't worry, we promise this will never happen again.",
        "Your money is guaranteed to be back in your account by Monday.",
        "You have my word that the engineer will come.",
        {"text": "Our fix is ironclad.", "options": {"phrases": ["ironclad"]}},
    )
    good_examples = (
        "We cannot guarantee a delivery date, but I'll keep an eye on it.",
        "I can't promise anything, but I've asked the team to look.",
        "There is no guarantee the item will be back in stock.",
        "I wish I could promise you a date.",
        "I really hope this never happens again.",
        'You said "they guaranteed delivery by Friday", so I checked with the carrier.',
        "Can you promise to send the form back by Friday?",
        "I see you were told delivery was guaranteed; I'm sorry that was wrong.",
        "As promised, here is the link to your invoice.",
        {"text": "You are covered by our Money Back Guarantee.",
         "options": {"allow": ["money back guarantee"]}},
        {"text": "Choose Guaranteed Next Day at checkout.",
         "options": {"allow": ["guaranteed next day"]}},
    )
    keywords = ("guarant", "promis", "word", "again")
    triggers = (
        trig(_I_WE + _AUX + _ADV + r"\s+(?P<key>guarantee|promise)\b",
             "'{match}' is a guarantee the company may not be able to keep."),
        trig(r"\b(?:is|are|['’]s|['’]re|will\s+be|be)\s+(?:\w+\s+)?(?P<key>guaranteed)\b"
             r"|\b(?P<key2>guaranteed)\s+to\b",
             "'{match}': a guarantee the company may not be able to keep."),
        trig(r"\b100\s*%\s+(?P<key>guarantee[ds]?)\b",
             "'{match}' is a guarantee the company may not be able to keep."),
        trig(r"\byou\s+have\s+(?:my|our)\s+(?P<key>word|promise|guarantee)\b",
             "'{match}' is a promise the company may not be able to keep."),
        # Negative by nature: the anchor is the start, so "never" does not cancel it.
        trig(r"\b(?:(?:will|['’]ll|would)\s+)?never\s+happens?\s+again\b"
             r"|\b(?:won['’]t|will\s+not)\s+happen\s+again\b",
             "'{match}' promises something nobody can be sure of."),
    )


class AbsoluteClaim(StatementRule):
    """## What it does
    Flags absolute claims about outcomes: "it will definitely arrive", "this
    will certainly fix it", "100% safe", "it never fails", "without fail",
    "nothing can go wrong". Commitments to effort ("we'll definitely look into
    it", "we're always happy to help") are fine and not flagged.

    ## Why
    Outcomes depend on carriers, banks and systems the agent does not control.
    An absolute that turns out false costs the customer's trust, and in some
    industries (finance, insurance) it is a compliance breach.

    ## Example
    Reinstalling the app will definitely fix it, it never fails.

    ## Use instead
    Reinstalling the app fixes this for most customers; if it doesn't, reply
    here and we'll look at your account.

    ## Fix safety
    No automatic fix.
    """

    code = "R101"
    name = "absolute-claim"
    category = "risky"
    severity = Severity.WARNING
    needs = frozenset({"sentences"})
    policy_category = "absolute"
    bad_examples = (
        "Reinstalling the app will definitely fix it.",
        "Your parcel will certainly arrive today.",
        "Our locks are 100% secure and never fail.",
    )
    good_examples = (
        "We'll definitely look into this for you.",
        "I can definitely help with that.",
        "We're always happy to help.",
        "We always want your experience to go smoothly.",
        "It should arrive today, but I can't say for certain.",
        "I can't say it will definitely fix it, but it's worth a try.",
        "Will it definitely arrive today?",
    )
    keywords = ("definitely", "certainly", "surely", "absolutely", "100", "never", "always",
                "without fail", "risk", "nothing can")
    _EFFORT = (r"look|check|pass|share|help|investigate|review|take|want|like|love|happy|glad"
               r"|here|able|try|follow|get\s+back|reach|forward|raise|escalate|keep|let|make\s+sure"
               r"|see|consider|note|monitor|update|send|contact|DM|be\s+(?:happy|glad|able|here"
               r"|in\s+touch|sure)|not|need|recommend|suggest|ask|find\s+out|do\s+(?:our|my)"
               r"\s+best|work\s+(?:on|with)|express|mention|flag|report|add|feed")
    triggers = (
        trig(r"\b(?:will|['’]ll|(?:is|are|['’]s|['’]re)\s+going\s+to)\s+"
             r"(?P<key>definitely|certainly|surely|absolutely|100\s*%)\s+(?!(?:" + _EFFORT + r")\b)"
             r"[a-z]+",
             "'{match}' is an absolute claim about an outcome you do not control."),
        trig(r"\b(?P<key>definitely|certainly|surely)\s+(?:be\s+)?"
             r"(?:fixed|resolved|solved|work|works|arrive|arrives|delivered|refunded|approved"
             r"|fix|fixes|solve|solves|resolve|resolves)\b",
             "'{match}' is an absolute claim about an outcome you do not control."),
        trig(r"\b(?P<key>100\s*%)\s+(?:sure|certain|safe|secure|fixed|resolved|reliable"
             r"|accurate|risk-free)\b",
             "'{match}' is an absolute claim."),
        trig(r"\b(?P<key>never)\s+(?:fails?|breaks?|goes\s+down|crash(?:es)?|arrives?\s+late"
             r"|gets?\s+lost)\b"
             r"|\b(?:will|['’]ll|would)\s+(?P<key2>never)\s+(?:fail|break|go\s+down|be\s+late"
             r"|crash|get\s+lost|be\s+charged|charge\s+you)\b"
             r"|\b(?P<key3>always)\s+(?:works|arrives\s+on\s+time|delivers\s+on\s+time)\b"
             r"|\b(?:will|['’]ll)\s+(?P<key4>always)\s+(?:work|arrive\s+on\s+time|be\s+available)\b",
             "'{match}' is an absolute claim about an outcome you do not control."),
        trig(r"\b(?:without\s+fail|no\s+risk\s+at\s+all|zero\s+risk|risk[- ]free"
             r"|nothing\s+(?:can|will)\s+go\s+wrong)\b",
             "'{match}' is an absolute claim."),
    )


# Words that open a commitment by the agent: "we'll", "I can", "we're going to".
_COMMIT = (r"\b(?:I|we)(?:['’]ll|\s+will|\s+can|\s+shall|['’]m\s+going\s+to|\s+am\s+going\s+to"
           r"|['’]re\s+going\s+to|\s+are\s+going\s+to|(?:['’]d|\s+would|['’]ll|\s+will|['’]m"
           r"|\s+am|['’]re|\s+are)\s+(?:be\s+)?(?:happy|glad|able)\s+to)"
           r"(?:\s+(?:also|now|gladly|happily|definitely|certainly|immediately|personally|go"
           r"\s+ahead\s+and))*")
_COMMIT_KINDS: dict[str, str] = {
    "refund": r"refund(?:ed)?|reimburse(?:d|ment)?|money\s+back",
    "credit": r"credit|voucher|gift\s+card|discount|goodwill\s+(?:gesture|payment)",
    "compensation": r"compensat(?:e|ion)",
    "replacement": r"replace(?:ment)?",
    "exception": r"(?:make|grant)\s+an?\s+exception|waive",
}
_KIND_OF = [(kind, rc.compile(rx, re.IGNORECASE)) for kind, rx in _COMMIT_KINDS.items()]
_ANY_KIND = "|".join(f"(?:{rx})" for rx in _COMMIT_KINDS.values())
# "we'll refund you", "we can waive the fee": the verb is the commitment.
_KIND_VERB = r"refund|reimburse|compensate|credit|waive|replace"
# "we'll issue a full refund", "I can offer you a 10% discount".
_GIVE = (r"issue|process|give|send|offer|arrange|approve|authori[sz]e|provide|add|apply"
         r"|put\s+through|get|make|grant|pay|organi[sz]e|set\s+up")
_KIND_NOUN = (r"refund|money\s+back|reimbursement|credit|voucher|gift\s+card|discount"
              r"|goodwill\s+(?:gesture|payment)|compensation|replacement|exception")
# A request, a policy or a page about a refund is not a refund.
_NOT_THE_THING = (r"(?!\s+(?:request|policy|policies|process|status|team|department|form"
                  r"|options?|page|link|eligibility|details|terms|rules|check)\b)")
_DATE = (r"(?:(?:this|next)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
         r"|tomorrow(?:\s+(?:morning|afternoon|evening))?|tonight|today|noon|midday"
         r"|end\s+of\s+(?:the\s+)?(?:day|week)|\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?"
         r"|\d{1,2}(?:st|nd|rd|th)|\d{1,2}/\d{1,2}(?:/\d{2,4})?"
         r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}")


class UnauthorisedCommitment(StatementRule):
    """## What it does
    Flags commitments that need authority: refunds, credits and vouchers,
    compensation, replacements, exceptions to policy, and exact delivery dates
    or times ("it will arrive by Friday"). The guide lists what agents may
    promise, per channel or team, under `policy.may-promise`; everything else
    is flagged. Kinds: refund, credit, compensation, replacement, exception,
    delivery-date. Offers that are hedged ("you may be eligible for a refund"),
    negated ("we can't offer a refund") or about policy in general ("you can
    request a refund within 14 days") are not commitments.

    ## Why
    A refund or a delivery date promised in writing is hard to take back, and
    customers quote it. Whether an agent may offer one is the company's
    decision, not the agent's in the moment.

    ## Example
    I'll refund you in full and your new order will arrive by Friday.

    ## Use instead
    I've asked our billing team to review a refund; you'll hear from them
    within two working days. Your new order is on its way (tracking link below).

    ## Fix safety
    No automatic fix. Allow a kind with
    `policy: {may-promise: {default: [replacement], chat: [refund]}}`, or per
    team with `policy.teams` and the draft's agent.
    """

    code = "R102"
    name = "unauthorised-commitment"
    category = "risky"
    severity = Severity.ERROR
    needs = frozenset({"sentences"})
    defaults: ClassVar[dict[str, Any]] = {**StatementRule.defaults, "may_promise": []}
    policy_category = "commitment"
    bad_examples = (
        "I'll refund you in full today.",
        "We will issue a full refund to your card.",
        "You'll receive a $20 credit on your next bill.",
        "Your new order will arrive by Friday.",
        "I'm happy to make an exception this time.",
        {"text": "We'll send you a replacement today.", "channel": "email",
         "options": {"may_promise": ["refund"]}},
    )
    good_examples = (
        "You may be eligible for a refund; our billing team will let you know.",
        "Unfortunately we can't offer a refund on sale items.",
        "You can request a refund within 14 days of purchase.",
        "I've asked our billing team to review a refund for you.",
        "Could we refund you in store credit instead?",
        "We will not be able to refund the delivery fee.",
        "Tracking shows it should arrive by Friday.",
        'You wrote "they said I would get a full refund" - let me check that.',
        {"text": "I'll refund you in full today.", "options": {"may_promise": ["refund"]}},
        {"text": "We'll send you a replacement today.", "channel": "chat",
         "options": {"may_promise": ["replacement"]}},
    )
    # Searched in the folded draft (one space between words): a kind of commitment,
    # or the start of a delivery-date key as the third trigger writes it.
    keywords = ("refund", "reimburs", "money back", "credit", "voucher", "gift card", "discount",
                "goodwill", "compensat", "replace", "exception", "waive", "arriv", "be delivered",
                "ship", "dispatch", "reach you", "be there", "be with you", "be back", "be sent",
                "be fixed", "be resolved", "be restored", "be repaired", "be sorted", "be working",
                "be in your", "be on your")
    triggers = (
        trig(_COMMIT + r"\s+(?P<key>" + _KIND_VERB + r")\b" + _NOT_THE_THING
             + r"|" + _COMMIT + r"\s+(?:" + _GIVE + r")\b(?:\s+(?:you|it|this|that|over|through"
             r"|your\s+account|to\s+you))?(?:\s+(?:an?|the|your|this|that|one|some))?"
             r"(?:\s+(?:full|partial|complete|one-off|small|extra|additional|special|store"
             r"|account|[$£€]?\d+(?:\.\d\d)?%?))*\s+(?P<key2>" + _KIND_NOUN + r")\b"
             + _NOT_THE_THING,
             "'{match}' commits the company to a {kind}; the style guide does not let "
             "agents promise that.", "commitment"),
        trig(r"\byou(?:['’]ll|\s+will|['’]re\s+going\s+to|\s+are\s+going\s+to)\s+"
             r"(?:definitely\s+|certainly\s+|also\s+)?(?:get|receive|be\s+(?:given|issued|sent))"
             r"\s+(?:an?\s+|the\s+|your\s+)?(?:full\s+|partial\s+|\$?\d+\s+)?(?P<key>"
             + _ANY_KIND + r")\b"
             r"|\byou(?:['’]ll|\s+will)\s+be\s+(?P<key2>refunded|reimbursed|compensated)\b"
             r"|\byou(?:['’]re|\s+are)\s+(?:fully\s+)?entitled\s+to\s+(?:an?\s+|the\s+)?"
             r"(?:full\s+)?(?P<key3>refund|compensation|credit|replacement)\b",
             "'{match}' commits the company to a {kind}; the style guide does not let "
             "agents promise that.", "commitment"),
        trig(r"\b(?:it|they|this|that|your\s+(?:\w+\s+)?(?:order|parcel|package|delivery"
             r"|item|items|replacement|refund|money|engineer|technician|driver|service|account"
             r"|connection|internet|repair)|the\s+(?:\w+\s+)?(?:order|parcel|package|delivery"
             r"|item|replacement|engineer|technician|driver|issue|problem|fault|outage|service"
             r"|repair))"
             r"\s+(?:will|['’]ll|is\s+going\s+to|are\s+going\s+to)\s+(?:definitely\s+"
             r"|certainly\s+)?(?P<key>arrive|be\s+delivered|be\s+there|be\s+with\s+you"
             r"|reach\s+you|ship|be\s+shipped|be\s+dispatched|be\s+sent|be\s+back"
             r"|be\s+(?:fixed|resolved|restored|repaired|sorted|working)"
             r"|be\s+(?:in|on)\s+your\s+(?:account|card|statement))"
             r"\s+(?:by|on|before|at|no\s+later\s+than)\s+(?:" + _DATE + r")\b",
             "'{match}' promises an exact date or time; the style guide does not let "
             "agents promise that.", "delivery-date"),
    )

    def accept(self, doc: Document, ctx: Context, m: re.Match[str], t: Trigger) -> bool:
        kind = self._kind(m, t)
        allowed = policy_of(doc).allowed_commitments(doc.channel, doc.draft.agent)
        return kind not in allowed and kind not in (ctx.get("may_promise") or ())

    @staticmethod
    def _kind(m: re.Match[str], t: Trigger) -> str:
        if t.kind != "commitment":
            return t.kind
        key = next((m.group(g) for g in ("key", "key2", "key3")
                    if g in m.re.groupindex and m.group(g)), m.group())
        return next((kind for kind, rx in _KIND_OF if rx.search(key)), "refund")

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        for c in self.candidates(doc, ctx):
            m = c.trigger.pattern.match(doc.text, c.start)
            kind = self._kind(m, c.trigger) if m else c.trigger.kind
            label = kind.replace("-", " ") if kind in COMMITMENTS else "commitment"
            yield Hit(c.start, c.end, c.trigger.message.format(
                match=" ".join(c.text.split()), kind=label))


class LiabilityAdmission(StatementRule):
    """## What it does
    Flags admissions of legal fault: "it's our fault", "we are liable", "we
    were negligent", "we accept liability", "we broke your …", "we lost your
    parcel". Apologies ("I'm sorry this happened", "we apologise for the
    delay") are good practice and never flagged; neither is "it's not your
    fault".

    ## Why
    An apology shows empathy; an admission of fault in writing can be used in a
    claim against the company and may void its insurance cover. Say sorry
    without saying whose fault it was.

    ## Example
    This is entirely our fault: our driver broke your TV.

    ## Use instead
    I'm so sorry your TV arrived damaged. I've opened a damage claim for you.

    ## Fix safety
    No automatic fix.
    """

    code = "R103"
    name = "liability-admission"
    category = "risky"
    severity = Severity.ERROR
    needs = frozenset({"sentences"})
    policy_category = "liability"
    bad_examples = (
        "This is entirely our fault.",
        "We accept full liability for the damage.",
        "Our driver broke your TV when he dropped the box.",
        "We were negligent in handling your booking.",
        "I admit fault for the mix-up.",
        "so sorry, its our fault and we'll sort it",
    )
    good_examples = (
        "I'm sorry this happened.",
        "We apologise for the delay and the trouble it caused.",
        "This is not your fault at all.",
        "It's not our fault that the courier was late, but I'll chase them.",
        'You said "it was your fault", and I understand why you feel that way.',
        "Was it our fault? I'm checking with the warehouse now.",
        "Our faults team is looking at the line.",
    )
    keywords = ("fault", "liab", "negligen", "culpab", "blame", "broke", "damag", "ruin",
                "destroy", "lost", "smash", "crack", "scratch", "dent", "responsib")
    _MSG = "'{match}' admits fault or liability; apologise without assigning fault."
    triggers = (
        # "its our fault": the missing apostrophe is common in chat and changes nothing.
        trig(r"\b(?:it|this|that|all\s+this|everything)(?:['’]?s|\s+is|\s+was|\s+has\s+been)\s+"
             r"(?:\w+\s+)?(?:all\s+|entirely\s+|completely\s+|totally\s+|100%\s+)?"
             r"(?:our|my)\s+(?:own\s+)?(?P<key>fault)\b", _MSG, modal=False),
        trig(r"\b(?:we|I)(?:\s+are|['’]re|\s+am|['’]m|\s+were|\s+was)\s+(?:\w+\s+)?"
             r"(?:fully\s+|legally\s+|totally\s+|entirely\s+|completely\s+)?"
             r"(?P<key>liable|negligent|at\s+fault|to\s+blame|culpable)\b", _MSG),
        trig(r"\b(?:we|I)\s+(?:\w+\s+)?(?P<key>accept|admit|acknowledge)\s+(?:full\s+|all\s+)?"
             r"(?:liability|fault|negligence|legal\s+responsibility)\b", _MSG),
        trig(r"\b(?:our|my)\s+(?P<key>negligence)\b", _MSG),
        trig(r"\b(?:we|I|our\s+(?:driver|courier|engineer|technician|team|staff|warehouse"
             r"|installer|crew))\s+(?:\w+\s+)?(?:(?P<key>broke|damaged|ruined|destroyed"
             r"|smashed|cracked|scratched|dented)\s+your\b|(?P<key2>lost)\s+your\s+(?:\w+\s+)?"
             r"(?:parcel|package|order|item|luggage|bag|suitcase|delivery|documents?|passport"
             r"|data|files?|photos?|money|payment|deposit|keys?|device|phone|laptop|car|pet))",
             _MSG),
    )


class OutOfRoleAdvice(StatementRule):
    """## What it does
    Flags legal, medical and financial advice: "you should sue", "you don't
    need a lawyer", "that's illegal", "it's safe to take", "you can stop
    taking it", "you should invest in …", "you can't lose money". A question
    ("Have you spoken to a lawyer?") or a pointer to a professional ("please
    speak to your doctor") is fine.

    ## Why
    Support agents are not lawyers, doctors or financial advisers. Advice
    outside their role can harm the customer and makes the company answerable
    for it; many regulators forbid it outright.

    ## Example
    Honestly, you should sue the landlord; you don't need a lawyer for that.

    ## Use instead
    For legal questions please speak to a solicitor or Citizens Advice; I can
    send you a copy of your account history to help.

    ## Fix safety
    No automatic fix.
    """

    code = "R104"
    name = "out-of-role-advice"
    category = "risky"
    severity = Severity.ERROR
    needs = frozenset({"sentences"})
    policy_category = "advice"
    bad_examples = (
        "Honestly, you should sue the landlord.",
        "You don't need a lawyer for this.",
        "It's perfectly safe to take with your other medication.",
        "You should invest in index funds instead.",
        "What they did is illegal.",
    )
    good_examples = (
        "For legal questions, please speak to a solicitor.",
        "Please check with your doctor or pharmacist before taking it.",
        "Have you spoken to a lawyer about this?",
        'You asked "is it safe to take with ibuprofen?" - please ask your pharmacist.',
        "I'm not able to say whether you should invest; a financial adviser can help.",
        "Note that fair use is a case by case legal analysis.",
    )
    # Searched in the folded draft (one space between words): the phrases each
    # trigger's words leave there, trigger by trigger ("safe to", "your gp").
    keywords = (" sue", "court", "legal action", "lawsuit", "press charges",
                "lawyer", "attorney", "solicitor", "legal advice", "legal representation",
                "illegal", "unlawful", "against the law", "breach of contract", "strong case",
                "good case", "solid case", "clear case", "legal case",
                "safe to", "fine to", "ok to", "okay to", "safe for", "fine for", "ok for", "okay for",
                "stop taking", "start taking", "keep taking", "your dos", "the dos", "your medication",
                "the medication", "a doctor", "your doctor", "a gp", "your gp", "a pharmacist",
                "your pharmacist", "hurt you", "harm you",
                " stock", " share", " bond", " crypto", " bitcoin", " gold", " fund", "investment",
                "lose money", "lose your", "lose any")
    _MODAL = r"(?:should|could|can|must|need\s+to|ought\s+to|might\s+want\s+to|have\s+to)"
    triggers = (
        trig(r"\byou\s+" + _MODAL + r"\s+(?:definitely\s+|just\s+|really\s+)?(?:sue|take\s+"
             r"(?:\w+\s+)?to\s+court|take\s+legal\s+action|file\s+a\s+lawsuit|press\s+charges)\b",
             "'{match}' is legal advice; point the customer to a qualified adviser.", "legal"),
        trig(r"\byou\s+(?:don['’]t|do\s+not|won['’]t|will\s+not)\s+need\s+(?:a\s+|an\s+)?"
             r"(?:lawyer|attorney|solicitor|legal\s+advice|legal\s+representation)\b",
             "'{match}' is legal advice; point the customer to a qualified adviser.", "legal"),
        trig(r"\b(?:that|this|it|what\s+they\s+did)(?:['’]s|\s+is|\s+was)\s+(?:clearly\s+"
             r"|definitely\s+|totally\s+)?(?P<key>illegal|unlawful|against\s+the\s+law"
             r"|a\s+breach\s+of\s+contract)\b"
             r"|\byou\s+have\s+(?:a\s+)?(?:strong|good|solid|clear)\s+(?:legal\s+)?(?P<key2>case)\b",
             "'{match}' is a legal judgment; point the customer to a qualified adviser.",
             "legal"),
        trig(r"\b(?:it|that|this|they|these)(?:['’]s|\s+is|['’]re|\s+are)\s+(?:perfectly\s+"
             r"|completely\s+|totally\s+|still\s+)?(?P<key>safe|fine|ok|okay)\s+(?:for\s+"
             r"(?:you|him|her|them|kids|children|your\s+\w+)\s+)?to\s+(?:(?:take|eat|drink"
             r"|consume|swallow)(?=\s*(?:[.,;!]|$|(?:it|them|this|these|with|while|during"
             r"|together|alongside|after|before|if|when)\b))|give\s+to\s+(?:a\s+|your\s+)?"
             r"(?:baby|babies|child|children|kids?|toddler|dog|cat|pet)|use\s+(?:while|during"
             r"|when)\s+(?:pregnant|pregnancy|breastfeeding))",
             "'{match}' is medical advice; point the customer to a doctor or pharmacist.",
             "medical"),
        trig(r"\byou\s+(?:can|could|should|may)\s+(?:safely\s+)?(?:stop|start|keep)\s+taking"
             r"\s+(?:it|them|this|these|(?:your|the|this|these)\s+(?:\w+\s+)?(?:medication"
             r"|medicine|meds|pills?|tablets?|supplements?|capsules?|drops|vitamins?|dose))\b"
             r"(?!\s+(?:photos?|pictures?|screenshots?|to\b))"
             r"|\b(?:double|increase|reduce|skip)\s+(?:your|the)\s+(?:dose|dosage|medication)\b"
             r"|\byou\s+(?:don['’]t|do\s+not)\s+need\s+to\s+(?:see|call|visit)\s+(?:a|your)\s+"
             r"(?:doctor|GP|pharmacist)\b"
             r"|\bit\s+(?:won['’]t|will\s+not|can['’]t|cannot)\s+(?:hurt|harm)\s+(?:you|your)",
             "'{match}' is medical advice; point the customer to a doctor or pharmacist.",
             "medical"),
        trig(r"\byou\s+" + _MODAL + r"\s+(?:definitely\s+|really\s+)?(?:invest|buy|sell)\s+"
             r"(?:in\s+|your\s+|some\s+|more\s+)?(?:stocks?|shares?|bonds?|crypto\w*|bitcoin"
             r"|gold|funds?|index\s+funds?|\w+\s+(?:stock|shares))\b"
             r"|\b(?:is|['’]s|are|['’]re)\s+(?:a\s+)?(?:good|great|safe|smart|sound|solid)\s+"
             r"(?P<key>investments?)\b"
             r"|\byou\s+(?:can['’]t|cannot|won['’]t|will\s+not)\s+lose\s+(?:any\s+)?"
             r"(?:money|your\s+money|your\s+savings)\b",
             "'{match}' is financial advice; point the customer to a qualified adviser.",
             "financial"),
    )


class Disparaging(StatementRule):
    """## What it does
    Flags disparaging remarks about colleagues, other teams or competitors:
    "my colleague was wrong", "the previous agent was clueless", "Acme are a
    scam" (competitor names come from `policy.competitors` and the rule's
    `competitors` option), "other carriers are terrible".

    ## Why
    Running down a colleague undermines the company's word; running down a
    competitor in writing invites a defamation complaint and reads as petty.

    ## Example
    Sorry, my colleague was wrong and clearly clueless about our policy.

    ## Use instead
    Sorry for the mixed messages earlier. Here is what our policy says.

    ## Fix safety
    No automatic fix.
    """

    code = "R105"
    name = "disparaging-remark"
    category = "risky"
    severity = Severity.WARNING
    needs = frozenset({"sentences"})
    defaults: ClassVar[dict[str, Any]] = {**StatementRule.defaults, "competitors": []}
    policy_category = "disparaging"
    bad_examples = (
        "Sorry, my colleague was wrong and clearly clueless about our policy.",
        "The previous agent was totally incompetent.",
        {"text": "Acme are a scam, stay with us.", "options": {"competitors": ["Acme"]}},
        "Other carriers are terrible at this.",
    )
    good_examples = (
        "Sorry for the mixed messages earlier; here is what our policy says.",
        "My colleague is right: the refund went out on Monday.",
        "Our team is not useless, we're working on it!",
        'You said "your staff are useless" - I understand your frustration.',
    )
    _BAD = (r"wrong|incompetent|useless|lazy|clueless|rude|idiots?|stupid|an\s+idiot|terrible"
            r"|hopeless|careless|a\s+joke|a\s+scam|scammers|rip-?offs?|garbage|rubbish|awful"
            r"|crap|worse|the\s+worst|unreliable|liars|lying|dishonest|crooks")
    keywords = ("wrong", "incompetent", "useless", "lazy", "clueless", "rude", "idiot", "stupid",
                "terrible", "hopeless", "careless", "joke", "scam", "rip", "garbage", "rubbish",
                "awful", "crap", "worse", "worst", "unreliable", "liars", "lying", "dishonest",
                "crooks")
    triggers = (
        trig(r"\b(?:my|our)\s+(?:\w+\s+)?(?:colleagues?|co-?workers?|teammates?|managers?"
             r"|supervisors?|agents?|reps?|representatives?|team|technicians?|techs?|drivers?"
             r"|couriers?|developers?|devs|engineers?|staff|store\s+staff|warehouse\s+team)"
             r"\s+(?:was|were|is|are|has\s+been|have\s+been)\s+(?:\w+\s+)?(?P<key>" + _BAD + r")\b"
             r"|\bthe\s+(?:previous|last|other|first)\s+(?:agent|rep|representative|person"
             r"|advisor|adviser)\s+(?:\w+\s+)?(?:was|is)\s+(?:\w+\s+)?(?P<key2>" + _BAD + r")\b",
             "'{match}' disparages a colleague; correct the information without blame."),
        trig(r"\b(?:our\s+)?competitors?\s+(?:is|are|['’]s|['’]re)\s+(?:\w+\s+)?(?P<key>"
             + _BAD + r")\b|\b(?:other|those)\s+(?:companies|carriers|providers|banks|airlines"
             r"|retailers|stores|brands)\s+(?:is|are|['’]re)\s+(?:\w+\s+)?(?P<key2>" + _BAD + r")\b",
             "'{match}' disparages a competitor."),
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        yield from super().check(doc, ctx)
        names = (*policy_of(doc).competitors, *(ctx.get("competitors") or ()))
        if not names or not self._may_fire(doc):
            return
        alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        rx = re.compile(rf"\b(?:{alt})\b(?:['’]s)?[^.!?\n]{{0,40}}?\b(?P<key>{self._BAD})\b",
                        re.IGNORECASE)
        for m in rx.finditer(doc.text):
            if asserted(doc, m.start("key"), m.end("key"), parser=policy_of(doc).parser):
                yield Hit(m.start(), m.end(),
                          f"'{' '.join(m.group().split())}' disparages a competitor.")


class InternalInformation(StatementRule):
    """## What it does
    Flags internal information and confidences: "between you and me", "off the
    record", "I'm not supposed to tell you", "internal ticket", "internal memo",
    "our system is broken", "don't tell anyone".

    ## Why
    Internal tools, tickets and the state of the company's systems are not for
    customers; remarks "off the record" are on the record the moment they are
    written, and "our system is a mess" ends up in a screenshot.

    ## Example
    Between you and me, our system is broken again; I've added it to the
    internal ticket.

    ## Use instead
    We know about this problem and our team is working on it. I'll update you
    as soon as it's fixed.

    ## Fix safety
    No automatic fix.
    """

    code = "R106"
    name = "internal-information"
    category = "risky"
    severity = Severity.WARNING
    needs = frozenset({"sentences"})
    policy_category = "internal"
    bad_examples = (
        "Between you and me, this happens a lot.",
        "I've added your case to the internal ticket.",
        "Our system is broken again today.",
        "I'm not supposed to tell you this, but the sale starts Monday.",
    )
    good_examples = (
        "We know about this problem and our team is working on it.",
        "Our system is not broken; the page was just slow to load.",
        'You said "your system is broken" - sorry it feels that way.',
        "Please DM us your ticket ID so we can look it up.",
        "Is our system broken for you too?",
    )
    keywords = ("between you", "record", "supposed", "allowed", "meant to", "internal",
                "tell anyone", "broken", "mess", "garbage", "rubbish", "crap", "joke", "buggy",
                "falling apart", "down again", "care", "terrible", "useless", "always down")
    triggers = (
        trig(r"\bbetween\s+(?:you\s+and\s+me|ourselves)\b|\bjust\s+between\s+us\b"
             r"|\boff\s+the\s+record\b"
             r"|\b(?:don['’]t|do\s+not)\s+tell\s+anyone\b"
             r"|\bI(?:['’]m|\s+am)\s+not\s+(?:really\s+)?(?:supposed|allowed|meant)\s+to\s+"
             r"(?:tell|say|share|mention|show)\b",
             "'{match}' shares something in confidence; a written reply is never off the record."),
        trig(r"\binternal\s+(?:ticket|memo|e-?mails?|notes?|system|tools?|process|docs?"
             r"|documentation|wiki|chat|slack|jira|bug|incident|escalation\s+notes)\b",
             "'{match}' refers to internal information; describe what the customer needs to "
             "know instead."),
        trig(r"\b(?:our|the)\s+(?:whole\s+)?(?:system|systems|website|site|app|backend|database"
             r"|servers?|software|IT|tools?)\s+(?:is|are|has\s+been|have\s+been|keeps?|['’]s)\s+"
             r"(?:\w+\s+)?(?P<key>broken|a\s+mess|garbage|rubbish|crap|a\s+joke|falling\s+apart"
             r"|always\s+down|down\s+again|so\s+buggy|buggy|terrible|useless)\b"
             r"|\b(?:management|the\s+bosses|corporate|head\s+office|upper\s+management)\s+"
             r"(?:doesn['’]t|don['’]t|do\s+not|does\s+not)\s+(?:really\s+)?care\b",
             "'{match}' is an internal opinion of the company's systems or management."),
    )


# Words that may stand between a fact's term and its value ("the return window
# is only 14 days", "support hours: 9-5").
_LINK_RE = rc.compile(
    r"^(?:\s|[:=\-–—(]|\b(?:is|are|was|were|of|lasts?|runs?|from|only|just|now|currently"
    r"|up|to|within|about|approximately|around|set|at|still|usually|normally|typically"
    r"|open|available)\b)*$",
    re.IGNORECASE,
)
_BEFORE_RE = rc.compile(r"^[\s\-–]*$")


class PolicyFactMismatch(Rule):
    """## What it does
    Compares what the reply says about a policy fact with the value the guide
    states under `policy.facts` (a duration, opening hours, an amount or a
    percentage) and flags a different value: with
    `policy: {facts: {return window: 30 days}}`, "our return window is 14
    days" is flagged and "you have a 30-day return window" is not. The value
    must be tied to the fact's term ("return window is …", "… -day return
    window"); questions, quotes and negated statements are skipped.

    ## Why
    A wrong policy statement in writing can bind the company: in Moffatt v.
    Air Canada (2024) the airline had to honour the refund rule its chat
    described wrongly.

    ## Example
    With `return window: 30 days`: Our return window is 14 days, so please
    send it back soon.

    ## Use instead
    Our return window is 30 days, so there's plenty of time to send it back.

    ## Fix safety
    Unsafe fix: replace the value with the guide's. It is unsafe because the
    reply may be right about a special case (a sale item with a shorter window).
    """

    code = "R107"
    name = "policy-fact-mismatch"
    category = "risky"
    severity = Severity.ERROR
    needs = frozenset({"sentences"})
    fixable = True
    defaults: ClassVar[dict[str, Any]] = {"facts": {}}
    bad_examples = (
        {"text": "Our return window is 14 days, so please send it back soon.",
         "options": {"facts": {"return window": "30 days"}}},
        {"text": "Our support hours are 8am-8pm, Monday to Friday.",
         "options": {"facts": {"support hours": "9am-5pm"}}},
        {"text": "We offer a 14-day return window on all shoes.",
         "options": {"facts": {"return window": "30 days"}}},
    )
    good_examples = (
        {"text": "Our return window is 30 days, so there's plenty of time.",
         "options": {"facts": {"return window": "30 days"}}},
        {"text": "You have a 30-day return window; your window closes in 3 days.",
         "options": {"facts": {"return window": "30 days"}}},
        # A question, and the customer's words in quotes, are not the agent's claims.
        {"text": "Did someone tell you the return window is 14 days?",
         "options": {"facts": {"return window": "30 days"}}},
        {"text": 'You wrote "the return window is 14 days" - it is actually 30 days.',
         "options": {"facts": {"return window": "30 days"}}},
        {"text": "The return window is not 14 days; it's 30 days.",
         "options": {"facts": {"return window": "30 days"}}},
        {"text": "Our support hours are 9am to 5pm on weekdays.",
         "options": {"facts": {"support hours": "9am-5pm"}}},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        from ..policy import Fact, Policy

        facts = list(policy_of(doc).facts)
        if ctx.get("facts"):
            facts += list(Policy.from_section({"facts": ctx.get("facts")}).facts)
        if not facts:
            return
        text = doc.text
        values = None
        for fact in facts:
            assert isinstance(fact, Fact)
            rx = re.compile(r"(?<![\w-])" + r"|".join(
                r"\s+".join(re.escape(w) for w in term.split()) for term in fact.terms)
                + r"(?![\w-])", re.IGNORECASE)
            for m in rx.finditer(text):
                if values is None:
                    values = find_values(text)
                for v in values:
                    if v.kind != fact.value.kind or v.key == fact.value.key:
                        continue
                    if not self._linked(text, m, v):
                        continue
                    if shielded(doc, v.start, v.end) or shielded(doc, m.start(), m.end()):
                        continue
                    if is_question(doc, m.start()) or not asserted(
                            doc, v.start, v.end, parser=policy_of(doc).parser):
                        continue
                    # A value after the term can be swapped as is; "14-day return
                    # window" would need rewording, so no fix there.
                    fixes = (Fix.replace(v.start, v.end, fact.value.text,
                                         f"Replace with the guide's value '{fact.value.text}'",
                                         safe=False),) if v.start >= m.end() else ()
                    yield Hit(v.start, v.end,
                              f"The style guide gives the {fact.name} as {fact.value.text}; "
                              f"this reply says {v.text}.", fixes)

    @staticmethod
    def _linked(text: str, term: re.Match[str], v: Any) -> bool:
        if v.start >= term.end():
            return v.start - term.end() <= 40 and bool(_LINK_RE.match(text[term.end():v.start]))
        return term.start() - v.end <= 3 and bool(_BEFORE_RE.match(text[v.end:term.start()]))
