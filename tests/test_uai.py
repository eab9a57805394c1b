"""The UAI and its check letter: the remainder of the seven digits divided by 23, in an
alphabet without I, O and Q."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.scenario.uai import UAI_LETTERS, parse_uai, uai_key, uai_of


@pytest.mark.parametrize(
    "uai",
    # lycées Henri-IV (Paris), Montaigne (Bordeaux), du Parc (Lyon), Pierre-de-Fermat (Toulouse)
    ["0750654D", "0330021U", "0690026D", "0310036W"],
)
def test_the_key_of_real_uais(uai: str) -> None:
    assert uai_key(uai[:7]) == uai[7]
    assert parse_uai(uai) == uai


def test_the_alphabet_has_23_letters_without_i_o_q() -> None:
    assert len(UAI_LETTERS) == 23 and not set("IOQ") & set(UAI_LETTERS)
    # 0330021 = 23 × 14348 + 17: the 18th letter
    assert 330021 % 23 == 17 and UAI_LETTERS[17] == "U"


def test_spaces_and_lower_case_are_normalised() -> None:
    assert parse_uai("  0330021u ") == "0330021U"


def test_a_wrong_letter_names_the_expected_one() -> None:
    with pytest.raises(ValueError) as caught:
        parse_uai("0330021A")
    assert "devrait être U" in str(caught.value)
    assert "0330021" in str(caught.value)


@pytest.mark.parametrize("value", ["033002U", "03300211U", "0330021", "O330021U", "", 330021, None])
def test_a_malformed_uai_is_refused_with_the_pattern_rule(value: object) -> None:
    with pytest.raises(ValueError) as caught:
        parse_uai(value)
    assert "7 chiffres puis une lettre" in str(caught.value)


@given(st.integers(min_value=0, max_value=9_999_999))
def test_every_uai_built_from_digits_is_valid(number: int) -> None:
    uai = uai_of(f"{number:07d}")
    assert parse_uai(uai) == uai
    assert [letter for letter in UAI_LETTERS if _valid(uai[:7] + letter)] == [uai[7]]


def _valid(uai: str) -> bool:
    try:
        parse_uai(uai)
    except ValueError:
        return False
    return True
