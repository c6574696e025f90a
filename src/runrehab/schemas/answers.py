"""The answers file of `runrehab assess` / `runrehab plan`: exactly these keys, all in range.

`AnswersModel` has the fields of the domain's `IntakeAnswers`, one for one and in its order
(`tests/unit/test_intake_vocabulary.py` fails on any drift); it adds what only the boundary knows:
ranges, choices, which answers are required. Regions and aggravators are the domain's Literals.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationError,
    WithJsonSchema,
    create_model,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import InitErrorDetails, PydanticCustomError

from runrehab.domain.errors import InvalidInputError
from runrehab.domain.intake import (
    AGGRAVATORS,
    ENERGY_RISK_KEYS,
    OPTIONAL_SCREENING_KEYS,
    OTTAWA_KEYS,
    OTTAWA_REGIONS,
    SCREENING_KEYS,
    UNSURE,
    Aggravator,
    IntakeAnswers,
    ReadinessTests,
    Region,
)
from runrehab.schemas.validation import OTTAWA_MISSING, validate

LEGACY_NIGHT_OR_REST = "night_or_rest_pain"  # one key before 2026.12; see _split_night_or_rest_pain
Score = Annotated[int, Field(ge=0, le=10)]
Km = Annotated[float, Field(ge=0, le=1000)]


def _yes_no_unsure(value: object) -> bool | str:
    if value is True or value is False or value == UNSURE:
        return value
    raise PydanticCustomError("yes_no_unsure", f'answer true, false or "{UNSURE}"')


YesNoUnsure = Annotated[
    bool | str,
    PlainValidator(_yes_no_unsure),
    WithJsonSchema({"enum": [True, False, UNSURE]}),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class TestsModel(_Strict):
    drop_lunge_pain_free: bool | None = None
    hamstring_curl_10rm_equal: bool | None = None
    walk_normal_stride_pain_free: bool | None = None
    slow_jog_pain_free: bool | None = None
    isometric_knee_bend_pain_free: bool | None = None
    brisk_walk_30min_pain_free: bool | None = None
    single_leg_squats_10_pain_free: bool | None = None


class AnswersModel(_Strict):
    region: Region
    onset: Literal["sudden", "gradual"]
    days_since_onset: int = Field(ge=0, le=36500)
    felt_pop: bool | None  # null only when the screen stopped early
    large_bruise_back_of_thigh: bool | None  # null only when the screen stopped early
    can_walk_normally: bool | None  # null only when the screen stopped early
    knee_bend_weakness: bool | None  # null only when the screen stopped early
    saddle_numbness: bool | None  # null only when the screen stopped early
    new_bladder_or_bowel_problem: bool | None  # null only when the screen stopped early
    fever_or_unwell: bool | None  # null only when the screen stopped early
    unexplained_weight_loss: bool | None  # null only when the screen stopped early
    history_of_cancer: bool | None  # null only when the screen stopped early
    night_pain_wakes: bool | None  # null only when the screen stopped early
    rest_pain: bool | None  # null only when the screen stopped early
    radiating_pain_below_knee: bool | None  # null only when the screen stopped early
    numbness_or_tingling: bool | None  # null only when the screen stopped early
    calf_swelling_one_side: bool | None  # null only when the screen stopped early
    calf_deep_tenderness: bool | None  # null only when the screen stopped early
    pitting_oedema: bool | None  # null only when the screen stopped early
    recent_long_travel_or_surgery: bool | None  # null only when the screen stopped early
    focal_bone_tenderness: bool | None  # null only when the screen stopped early
    age: int | None = Field(default=None, ge=5, le=120)
    sex: Literal["female", "male", "other"] | None = None
    amenorrhoea: bool | None = None
    weekly_km_now: Km | None = None
    weekly_km_before_injury: Km | None = None
    longest_run_30d_km: Km | None = None
    planned_run_km: Km | None = None
    side: Literal["left", "right", "both"] | None = None
    mechanism: (
        Literal["slip_or_forced_stretch", "sprinting", "rolled_ankle", "fall_or_blow", "other"]
        | None
    ) = None
    pain_rest: Score | None = None
    pain_during_run: Score | None = None
    pain_next_morning: Score | None = None
    baseline_morning_pain: Score | None = None
    hop_pain: Score | None = None
    morning_trend: Literal["improving", "stable", "worsening"] | None = None
    aggravators: list[Aggravator] = []
    tests: TestsModel = TestsModel()
    visa_h: int | None = Field(default=None, ge=0, le=100)
    could_take_4_steps_right_after: YesNoUnsure | None = None
    can_take_4_steps_now: YesNoUnsure | None = None
    tender_outer_ankle_bone: YesNoUnsure | None = None
    tender_inner_ankle_bone: YesNoUnsure | None = None
    tender_base_of_5th_metatarsal: YesNoUnsure | None = None
    tender_navicular: YesNoUnsure | None = None
    single_leg_calf_raises: int | None = Field(default=None, ge=0, le=500)
    single_leg_heel_raise_possible: bool | None = None
    noble_test_positive: bool | None = None
    tender_strip_length_cm: float | None = Field(default=None, ge=0, le=50)
    morning_first_steps_pain: Score | None = None
    morning_stiffness_min: int | None = Field(default=None, ge=0, le=1440)
    knee_swelling: bool | None = None
    knee_locking_or_giving_way: bool | None = None
    distance_to_symptom_onset_km: Km | None = None
    recent_training_increase: bool | None = None
    restricted_eating_or_weight_loss: bool | None = None
    previous_stress_fracture: bool | None = None
    low_energy_or_libido: bool | None = None
    foot_drop_or_weakness: bool | None = None
    nerve_symptoms_both_legs: bool | None = None
    hot_swollen_joint: bool | None = None
    exertional_tightness_eases_with_rest: bool | None = None
    whole_leg_swollen: bool | None = None
    visible_surface_veins: bool | None = None
    previous_dvt: bool | None = None
    # The wizard stopped at a same-day red flag: the screening questions after it were not asked
    # (null). Only valid when the answers given already make the verdict REFER_URGENT (checked by
    # the assessment, which has the red flags).
    screen_stopped_early: bool = False

    @model_validator(mode="before")
    @classmethod
    def _split_night_or_rest_pain(cls, raw: object) -> object:
        """Answers saved before night pain and rest pain were asked apart carry one key,
        `night_or_rest_pain`. It is read as both answers: a "yes" is assumed to be night pain
        that wakes the runner, the more serious reading, so an old "yes" still refers."""
        if not isinstance(raw, dict) or LEGACY_NIGHT_OR_REST not in raw:
            return raw
        upgraded = {k: v for k, v in raw.items() if k != LEGACY_NIGHT_OR_REST}
        for key in ("night_pain_wakes", "rest_pain"):
            upgraded.setdefault(key, raw[LEGACY_NIGHT_OR_REST])
        return upgraded

    @model_validator(mode="after")
    def _screen_answered(self) -> AnswersModel:
        """Every screening question is answered true or false, unless the screen stopped early."""
        unanswered = [key for key in SCREENING_KEYS if getattr(self, key) is None]
        if unanswered and not self.screen_stopped_early:
            raise ValidationError.from_exception_data(
                "AnswersModel", [_unanswered(key) for key in unanswered]
            )
        return self

    @model_validator(mode="after")
    def _ottawa_answered(self) -> AnswersModel:
        """Ankle and midfoot pain is screened for a fracture first, so the Ottawa answers are
        required there (true, false or "unsure")."""
        if self.region not in OTTAWA_REGIONS or self.screen_stopped_early:
            return self
        missing = [key for key in OTTAWA_KEYS if getattr(self, key) is None]
        if missing:
            raise ValidationError.from_exception_data(
                "AnswersModel", [_ottawa_missing(key) for key in missing]
            )
        return self

    def to_domain(self) -> IntakeAnswers:
        data = self.model_dump(exclude={"tests", "aggravators"})
        return IntakeAnswers(
            **data,
            aggravators=frozenset(self.aggravators),
            tests=ReadinessTests(**self.tests.model_dump()),
        )


def _unanswered(key: str) -> InitErrorDetails:
    error = PydanticCustomError("unanswered", "answer true or false")
    return InitErrorDetails(type=error, loc=(key,), input=None)


def _ottawa_missing(key: str) -> InitErrorDetails:
    error = PydanticCustomError("ottawa_missing", OTTAWA_MISSING)
    return InitErrorDetails(type=error, loc=(key,), input=None)


def parse_answers(raw: object, source: str) -> IntakeAnswers:
    return validate(AnswersModel, raw, source).to_domain()


def answers_to_json(answers: IntakeAnswers) -> dict[str, Any]:
    """The answers as stored: what `AnswersModel` dumps (its keys in its order, the aggravators
    in the questions' order), read back by `parse_answers`. Built from the value already parsed,
    so storing them validates nothing a second time."""
    data = asdict(answers)
    data["aggravators"] = [a for a in AGGRAVATORS if a in answers.aggravators]
    return {name: data[name] for name in AnswersModel.model_fields}


NOT_IN_TEMPLATES = frozenset(
    {
        *SCREENING_KEYS,
        *OPTIONAL_SCREENING_KEYS,
        *OTTAWA_KEYS,
        *ENERGY_RISK_KEYS,
        "age",
        "sex",
        "screen_stopped_early",
    }
)


def _template_model() -> type[BaseModel]:
    """The answers a coach may keep in a reusable template: any non-screening answer, each
    optional, in the same ranges. The red-flag screening and personal facts are never kept,
    so they are asked afresh at every assessment."""
    fields: dict[str, Any] = {
        name: (_optional(info.annotation), FieldInfo.merge_field_infos(info, default=None))
        for name, info in AnswersModel.model_fields.items()
        if name not in NOT_IN_TEMPLATES
    }
    return create_model("TemplateAnswersModel", __base__=_Strict, **fields)


def _optional(annotation: Any) -> Any:
    return annotation | None


TemplateAnswersModel = _template_model()


def parse_template_answers(raw: object, source: str) -> dict[str, Any]:
    """A template's answers, validated, without the keys left empty."""
    return validate(TemplateAnswersModel, raw, source).model_dump(mode="json", exclude_none=True)


def _partial_model() -> type[BaseModel]:
    """Every answer optional, in the same ranges: the answers of a wizard still in progress."""
    fields: dict[str, Any] = {
        name: (_optional(info.annotation), FieldInfo.merge_field_infos(info, default=None))
        for name, info in AnswersModel.model_fields.items()
        if name not in ("tests", "aggravators", "screen_stopped_early")
    }
    fields["tests"] = (TestsModel, TestsModel())
    fields["aggravators"] = (list[Aggravator], [])
    return create_model("PartialAnswersModel", __base__=_Strict, **fields)


PartialAnswersModel = _partial_model()


def partial_facts(raw: object, single_run_cap: float) -> dict[str, object] | None:
    """The facts of answers still being collected (an answer not given yet is None), for the
    red-flag screen to stop early; None when an answer given is invalid (the last step lists it)."""
    try:
        model = validate(PartialAnswersModel, raw, "answers")
    except InvalidInputError:
        return None
    data = model.model_dump(exclude={"tests", "aggravators"})
    answers = IntakeAnswers(
        **data,
        aggravators=frozenset(model.aggravators),  # type: ignore[attr-defined]
        tests=ReadinessTests(**model.tests.model_dump()),  # type: ignore[attr-defined]
    )
    return answers.facts(single_run_cap)
