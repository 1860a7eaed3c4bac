"""The pose cache key follows what the pose-stage code does, not how it is laid out."""

from coach.posecache import code_shape

CODE = '''
def scale(x):
    """Twice x."""
    return x * 2  # doubled
'''


def test_layout_comments_and_docstrings_keep_the_key():
    reformatted = 'def scale(x):\n    """Twice x, reworded."""\n\n    return (\n        x * 2\n    )\n'
    assert code_shape(reformatted) == code_shape(CODE)


def test_type_annotations_keep_the_key():
    typed = 'def scale(x: float) -> float:\n    """Twice x."""\n    y: float = x * 2\n    z: int\n    return y\n'
    assert code_shape(typed) == code_shape(CODE.replace("return x * 2", "y = x * 2\n    return y"))
    field = "@dataclass\nclass A:\n    n: int = 1\n"
    assert code_shape(field) == code_shape(field.replace("int", "float"))
    assert code_shape(field) != code_shape(field.replace("n: int = 1", "n = 1"))  # a field is not a class attribute


def test_a_change_in_behaviour_changes_the_key():
    assert code_shape(CODE.replace("x * 2", "x * 3")) != code_shape(CODE)
    assert code_shape(CODE.replace('"""Twice x."""', 'print("x")')) != code_shape(CODE)
