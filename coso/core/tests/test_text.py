import pytest

from coso.core.text import fold


@pytest.mark.parametrize("text", ["lai chau", "LAI CHÂU", "Lai Châu", "  Lai   CHÂU "])
def test_fold_ignores_case_diacritics_and_spacing(text):
    assert fold(text) == "lai chau"


def test_fold_maps_d_with_stroke():
    assert fold("Đoàn Kết đường") == "doan ket duong"
