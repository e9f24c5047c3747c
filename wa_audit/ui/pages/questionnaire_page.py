"""The self-assessment: a few plain questions, one per row, every one skippable.

The page only shows and emits: `answers_saved({id: value | None})` (None = skipped) and
`back_requested`. What an answer changed in the latest audit is shown under its question.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QRadioButton

from wa_audit.audit.assess import UNKNOWN, Assessment, Question, change_text, questions
from wa_audit.audit.assess.questions import pick
from wa_audit.i18n import _, current_language
from wa_audit.ui.widgets import Card, Page, label


class QuestionRow(Card):
    def __init__(self, number: int, q: Question, parent=None) -> None:
        super().__init__(parent)
        self.question = q
        lang = current_language()
        self.box.addWidget(label(f"{number}. {pick(q.text, lang)}", "cardTitle"))
        self.box.addWidget(label(pick(q.help, lang), "muted"))
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # so a chosen answer can be taken back (skipped)
        self.buttons: dict[str, QRadioButton] = {}
        options = (
            [("yes", _("Yes")), ("no", _("No"))]
            if q.type == "yes_no"
            else [(v, pick(labels, lang)) for v, labels in q.choices]
        )
        for value, text in [*options, (UNKNOWN, _("Don't know"))]:
            b = QRadioButton(text)
            b.setObjectName(f"answer_{q.id}_{value}")
            self.group.addButton(b)
            self.buttons[value] = b
            row.addWidget(b)
            b.toggled.connect(lambda on, v=value: on and self._only(v))
        row.addStretch(1)
        self.box.addLayout(row)
        self.effect = label("", "muted")
        self.effect.setVisible(False)
        self.box.addWidget(self.effect)

    def _only(self, value: str) -> None:
        for v, b in self.buttons.items():
            if v != value and b.isChecked():
                b.setChecked(False)

    def value(self) -> str | None:
        return next((v for v, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, value: str | None) -> None:
        for v, b in self.buttons.items():
            b.setChecked(v == value)

    def set_effect(self, lines: list[str]) -> None:
        self.effect.setText("\n".join(lines))
        self.effect.setVisible(bool(lines))


class QuestionnairePage(Page):
    answers_saved = Signal(object)  # {question id: value | None}
    back_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(
            _("A few questions"),
            _(
                "An export cannot show everything: how you send, whether customers agreed, "
                "whether WhatsApp already warned you. Your answers make the audit more "
                "reliable. Skip any question you are not sure about."
            ),
            parent=parent,
        )
        self.rows: dict[str, QuestionRow] = {}
        self.saved: dict[str, str] = {}
        for n, q in enumerate(questions(), start=1):
            row = QuestionRow(n, q)
            self.rows[q.id] = row
            self.content.addWidget(row)
        self.status = label("", "muted")
        self.content.addWidget(self.status)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(_("Save and check again"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self._save)
        later = QPushButton(_("Later"))
        later.clicked.connect(self.back_requested)
        buttons.addWidget(self.save_button, 0, Qt.AlignLeft)
        buttons.addWidget(later, 0, Qt.AlignLeft)
        buttons.addStretch(1)
        self.content.addLayout(buttons)
        self.content.addStretch(1)

    def set_state(
        self, answers: dict[str, str], assessment: Assessment | None, enabled: bool = True
    ) -> None:
        self.saved = dict(answers)
        for qid, row in self.rows.items():
            row.set_value(answers.get(qid))
            lines = [change_text(c) for c in assessment.changes_by(qid)] if assessment else []
            if assessment and answers.get(qid) == UNKNOWN:
                lines.append(_("Not taken into account; listed in the audit's limits."))
            row.set_effect(lines)
        self.save_button.setEnabled(enabled)
        self.status.setText("" if enabled else _("Open a workspace first."))

    def answers(self) -> dict[str, str | None]:
        return {qid: row.value() for qid, row in self.rows.items()}

    def _save(self) -> None:
        self.answers_saved.emit(self.answers())
