"""Desk answers: a question as a desk worker asks it, understood (referral, need, about an
organisation, hubs, support menu) and answered with whom to contact first and why, the
route, the quotes that prove each step, and fallbacks instead of dead ends."""

from tsunagari.queries.desk.answer import DeskAnswer, Item
from tsunagari.queries.desk.desk import ask
from tsunagari.queries.desk.question import (
    MAX_QUESTION_LENGTH,
    Intent,
    Question,
    Recognised,
    Topic,
    language_of,
    understand,
)
from tsunagari.queries.desk.suggestions import QuestionNotUnderstood

__all__ = [
    "MAX_QUESTION_LENGTH", "DeskAnswer", "Intent", "Item", "Question", "QuestionNotUnderstood",
    "Recognised", "Topic", "ask", "language_of", "understand",
]
