"""Derivatives by numbers and by symbols: the classic way to find extrema.

The numerical half (``derivative``, ``gradient``) is what gradient descent
needs and what every analytic gradient in the book is checked against. The
symbolic half (``stationary_points`` and the three tests) is the method of
the first chapter: solve f' = 0, then decide what each solution is. The
timing helper shows why that method stops being practical as the number of
variables grows.
"""

from __future__ import annotations

import functools
import keyword
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from helpers._checks import (
    callable_arg,
    difference_step,
    finite_array,
    finite_number,
    function_value,
    non_negative_int,
    positive_int,
)

KINDS = ("minimum", "maximum", "saddle", "inconclusive")

# A symbolic value closer to zero than this, once evaluated as a float, is
# treated as zero (only used when sympy cannot decide the sign exactly, or
# when the point was given as floats).
ZERO_TOLERANCE = 1e-12

# The 1-D test looks at derivatives up to this order before giving up.
MAX_DERIVATIVE_ORDER = 8

# The symbolic solve slows down many times over with each extra variable
# (measured with seeds 0 to 2: under 0.1 s for two variables, about 1 s
# for four; five took 40 s and 140 s with seeds 0 and 1).
MAX_TIMED_VARIABLES = 5

# The names a formula string may use besides its variables: sympy's
# functions and constants of school mathematics, and the few names that
# sympy's parser writes into the code it builds (Integer(3) for "3").
FORMULA_NAMES = (
    "sin cos tan cot sec csc asin acos atan acot sinh cosh tanh coth "
    "asinh acosh atanh exp log ln sqrt cbrt root Abs abs sign Max max "
    "Min min floor ceiling factorial pi E I oo zoo nan"
).split()
_PARSER_NAMES = (
    "Symbol Function Integer Rational Float factorial2".split()
)

# Characters of a formula: letters, digits, arithmetic and grouping.
_FORMULA_CHARACTERS = re.compile(r"[A-Za-z0-9_+\-*/^().,\s]*")
# A dot with no digit beside it would read an attribute (x.func).
_ATTRIBUTE_DOT = re.compile(r"(?<![0-9])\.(?![0-9])")


# ---------------------------------------------------------------- numbers


def derivative(
    function: Callable[[float], float], x: float, *, h: float = 1e-6
) -> float:
    """Central-difference derivative of ``function`` at ``x``.

    f'(x) ~ (f(x + h) - f(x - h)) / (2h)

    The error shrinks like h^2 until rounding in f takes over, which is why
    h = 1e-6 is a good default for functions of size about 1. ``h`` must
    lie between max(1e-10, 1e-12 |x|) and max(1, |x|): a smaller step is
    lost to rounding in x + h, a larger one gives a chord's slope.
    """
    callable_arg("function", function)
    x = finite_number("x", x)
    h = difference_step("h", h, x)
    ahead = function_value(function, np.float64(x + h))
    behind = function_value(function, np.float64(x - h))
    return _difference_quotient(ahead, behind, h)


def gradient(
    function: Callable[[np.ndarray], float],
    point: Iterable[float],
    *,
    h: float = 1e-6,
) -> np.ndarray:
    """Central-difference gradient of ``function`` at ``point``.

    df/dx_i ~ (f(p + h e_i) - f(p - h e_i)) / (2h), one coordinate at a
    time, where e_i is the i-th unit vector. ``h`` is bounded as in
    ``derivative``, with |x| the largest coordinate of ``point``.
    """
    callable_arg("function", function)
    point = finite_array("point", point, ndim=1)
    h = difference_step("h", h, float(np.max(np.abs(point))))
    partials = np.empty_like(point)
    for i in range(point.size):
        shift = np.zeros_like(point)
        shift[i] = h
        ahead = function_value(function, point + shift)
        behind = function_value(function, point - shift)
        partials[i] = _difference_quotient(ahead, behind, h)
    return partials


def _difference_quotient(ahead: float, behind: float, h: float) -> float:
    with np.errstate(all="ignore"):
        quotient = (ahead - behind) / (2 * h)
    if not np.isfinite(quotient):
        raise ValueError(
            f"the difference quotient overflowed; try a larger h than {h}"
        )
    return float(quotient)


# ------------------------------------------------------- symbolic parsing


def _parse(expression: Any, variables: Any) -> tuple[Any, tuple[Any, ...]]:
    """Return (sympy expression, tuple of its variables as Symbols).

    Every free symbol of the expression must be one of the variables, so
    a typo such as ``variables="x"`` for f(x, y) fails loudly.
    """
    import sympy

    names = _variable_names(variables)
    symbols = {name: sympy.Symbol(name) for name in names}
    expr = _as_expression(expression, symbols)
    _require_real_formula(expr)
    by_name = {s.name: s for s in expr.free_symbols}
    chosen = tuple(by_name.get(name, symbols[name]) for name in names)
    extra = expr.free_symbols - set(chosen)
    if extra:
        raise ValueError(
            f"expression {expr} uses {sorted(map(str, extra))}, which are "
            f"not among variables {list(names)}"
        )
    return expr, chosen


def _require_real_formula(expr: Any) -> None:
    """Refuse infinities, NaN, complex numbers and unknown functions.

    sympy would carry them through (oo*x^2 has a "stationary point" at
    0) or fail deep inside with a message about its own internals.
    """
    import sympy
    from sympy.core.function import AppliedUndef

    if expr.has(sympy.oo, -sympy.oo, sympy.zoo, sympy.nan):
        raise ValueError(
            "expression must not contain infinities or NaN (oo, zoo, nan); "
            f"got {expr}"
        )
    if expr.has(sympy.I):
        raise ValueError(
            "expression must be real: complex expressions (with I) are "
            f"not supported; got {expr}"
        )
    unknown = sorted(str(f.func) for f in expr.atoms(AppliedUndef))
    if unknown:
        raise ValueError(
            f"expression uses unknown functions {unknown}; known are "
            f"{', '.join(FORMULA_NAMES)}"
        )


def _variable_names(variables: Any) -> tuple[str, ...]:
    """Names from a Symbol, a string such as "x y" or a sequence of them."""
    import sympy

    if isinstance(variables, (str, sympy.Symbol)):
        items = [variables]
    elif isinstance(variables, Iterable):
        items = list(variables)
    else:
        items = [variables]
    names: list[str] = []
    for item in items:
        if isinstance(item, sympy.Symbol):
            names.append(item.name)
        elif isinstance(item, str):
            names.extend(item.replace(",", " ").split())
        else:
            raise TypeError(
                "variables must be sympy symbols or names such as 'x y'; "
                f"got {variables!r}"
            )
    if not names or len(set(names)) != len(names):
        raise ValueError(
            "variables must name at least one variable, each once; "
            f"got {variables!r}"
        )
    return tuple(names)


def _as_expression(expression: Any, symbols: dict[str, Any]) -> Any:
    """A sympy expression from a sympy object or a string like "x^2 + 3x"."""
    import sympy

    if isinstance(expression, str):
        return _parse_string(expression, symbols)
    if isinstance(expression, sympy.Expr):
        return expression
    if isinstance(expression, (int, float)) and not isinstance(
        expression, bool
    ):
        return sympy.sympify(expression)
    raise TypeError(
        "expression must be a sympy expression or a string such as "
        f"'x^2 + 3x'; got {expression!r}"
    )


def _parse_string(text: str, symbols: dict[str, Any]) -> Any:
    """Read a formula such as "x^2 + 3x" into a sympy expression.

    Limitation: sympy's ``parse_expr`` turns the text into Python code and
    evaluates it. The text is screened first (only letters, digits,
    arithmetic, brackets and commas; no attribute dots, no double
    underscores, no Python keywords) and evaluated with no Python
    builtins and only the names in ``FORMULA_NAMES``, which rules out the
    known ways to run other code; even so, formulas are meant to come
    from the book's own cells, not from untrusted users.
    """
    import sympy
    from sympy.parsing.sympy_parser import (
        convert_xor,
        implicit_multiplication,
        parse_expr,
        standard_transformations,
    )

    # Limitation: parse_expr evaluates Python code built from the text;
    # the screen and the namespace below keep it to formulas (see above).
    _require_plain_formula(text)
    rules = standard_transformations + (
        implicit_multiplication,
        convert_xor,
    )
    try:
        expr = parse_expr(text, local_dict=dict(symbols),
                          global_dict=_formula_namespace(),
                          transformations=rules)
    except Exception as error:  # sympy's parser raises many kinds
        raise ValueError(
            f"expression could not be read: {text!r} ({error})"
        ) from None
    if not isinstance(expr, sympy.Expr):
        raise ValueError(f"expression must be a formula; got {text!r}")
    return expr


def _require_plain_formula(text: str) -> None:
    """Refuse text that could be Python code rather than a formula."""
    words = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text)
    if (
        not _FORMULA_CHARACTERS.fullmatch(text)
        or "__" in text
        or _ATTRIBUTE_DOT.search(text)
        or any(keyword.iskeyword(word) for word in words)
    ):
        raise ValueError(
            "expression must be a formula of letters, digits, + - * / ^ "
            f"( ) and commas, such as 'x^2 + 3x'; got {text!r}"
        )


def _formula_namespace() -> dict[str, Any]:
    """The only names a formula string can reach: no Python builtins."""
    import sympy

    names = {"abs": sympy.Abs, "max": sympy.Max, "min": sympy.Min}
    for name in FORMULA_NAMES + _PARSER_NAMES:
        if name not in names:
            names[name] = getattr(sympy, name)
    return {"__builtins__": {}, **names}


def _point(point: Any, variables: tuple[Any, ...]) -> dict[Any, Any]:
    """A {Symbol: sympy number} dict from a dict, a number or a sequence."""
    if isinstance(point, Mapping):
        values = [_lookup(point, v) for v in variables]
    elif isinstance(point, (str, bytes)):
        raise TypeError(f"point must hold numbers; got {point!r}")
    elif isinstance(point, Iterable):
        values = list(point)
    else:
        values = [point]
    if len(values) != len(variables):
        raise ValueError(
            f"point must give {len(variables)} value(s), one for each of "
            f"{[v.name for v in variables]}; got {point!r}"
        )
    numbers = [_real_number(value, point) for value in values]
    return dict(zip(variables, numbers))


def _lookup(point: Mapping[Any, Any], variable: Any) -> Any:
    for key in (variable, variable.name):
        if key in point:
            return point[key]
    for key, value in point.items():
        if getattr(key, "name", None) == variable.name:
            return value
    raise ValueError(f"point has no value for {variable.name}; got {point!r}")


def _real_number(value: Any, point: Any) -> Any:
    """A sympy number; a float becomes the decimal it prints as (0.1 is
    1/10), so that a point typed as -1.5 is tested exactly at -3/2."""
    import sympy

    finite_float = isinstance(value, (float, np.floating)) and bool(
        np.isfinite(value))
    if isinstance(value, (str, bytes, float, np.floating)):
        # Text is never parsed (sympify would evaluate it as code); NaN
        # and infinities are refused below.
        value = sympy.Rational(repr(float(value))) if finite_float else None
    try:
        # strict: numbers only, never a fall-back to parsing str(value).
        number = sympy.sympify(value, strict=True)
    except (sympy.SympifyError, TypeError):
        number = None
    if (
        number is None
        or not number.is_number
        or number.is_real is False
        or number.is_finite is False
        or number.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo)
    ):
        raise ValueError(
            f"point must hold finite real numbers; got {point!r}"
        )
    return number


# ------------------------------------------------------ stationary points


def stationary_points(
    expression: Any, variables: Any
) -> list[dict[Any, Any]]:
    """Every real point where all first partial derivatives are zero.

    Solves df/dx_1 = ... = df/dx_n = 0 exactly with sympy and returns one
    dict {variable: value} per real solution, sorted. These points are only
    candidates: the tests below decide what each one is, and points where
    a derivative does not exist are candidates too but are not found here.

    Polynomials are solved by elimination (a lexicographic Groebner basis
    reduces the system to one polynomial in the last variable, whose real
    roots are then substituted back), so the answer is complete; values
    that have no formula in radicals appear as ``CRootOf`` objects, exact
    all the same (``float()`` gives a number).
    """
    import sympy

    expr, symbols = _parse(expression, variables)
    equations = [sympy.diff(expr, v) for v in symbols]
    if all(eq.is_polynomial(*symbols) for eq in equations):
        return _polynomial_solutions(equations, symbols, expr)
    return _sorted(_general_solutions(equations, symbols, expr), symbols)


def _sorted(
    points: list[dict[Any, Any]], symbols: tuple[Any, ...]
) -> list[dict[Any, Any]]:
    return sorted(points, key=lambda p: [_as_float(p[v]) for v in symbols])


def _polynomial_solutions(
    equations: list[Any], symbols: tuple[Any, ...], expr: Any
) -> list[dict[Any, Any]]:
    import sympy

    if all(eq == 0 for eq in equations):
        _raise_not_isolated(expr)
    # Eliminating towards the first variable leaves one polynomial in it,
    # whose roots come out in increasing order: the points are then sorted.
    basis = sympy.groebner(equations, *symbols[::-1], order="lex")
    if list(basis.exprs) == [1]:
        return []
    if not basis.is_zero_dimensional:
        _raise_not_isolated(expr)
    shape = _shape_form(list(basis.exprs), symbols[::-1])
    if shape is not None:
        return _solve_shape_form(shape, symbols)
    points = _solve_with_sympy_polys(list(basis.exprs), symbols, expr)
    return _sorted(points, symbols)


def _raise_not_isolated(expr: Any) -> None:
    raise ValueError(
        f"expression {expr} has whole lines or curves of stationary "
        "points; only isolated points can be listed"
    )


def _shape_form(
    basis: list[Any], symbols: tuple[Any, ...]
) -> tuple[Any, dict[Any, Any]] | None:
    """Split a basis {x_i - h_i(z), p(z)} into p and the h_i, if it is.

    ``symbols`` are in elimination order; z is the last of them. Most
    systems with random coefficients reduce to this form; then every
    solution is fixed by a root of the single polynomial p.
    """
    import sympy

    last = symbols[-1]
    if len(basis) != len(symbols) or basis[-1].free_symbols - {last}:
        return None
    formulas = {}
    for variable, element in zip(symbols[:-1], basis[:-1]):
        if element.free_symbols - {variable, last}:
            return None
        as_poly = sympy.Poly(element, variable)
        if as_poly.degree() != 1 or not as_poly.LC().is_number:
            return None
        formulas[variable] = sympy.solve(element, variable)[0]
    return basis[-1], formulas


def _solve_shape_form(
    shape: tuple[Any, dict[Any, Any]], symbols: tuple[Any, ...]
) -> list[dict[Any, Any]]:
    import sympy

    eliminant, formulas = shape
    first = symbols[0]
    roots = sympy.Poly(eliminant, first).sqf_part().real_roots()
    points = []
    for root in roots:
        point = {v: _substitute(formulas[v], first, root)
                 for v in symbols[1:]}
        points.append({first: root, **point})
    return points


def _substitute(formula: Any, variable: Any, root: Any) -> Any:
    """formula(root), multiplied out when the root is a radical."""
    import sympy

    value = formula.subs(variable, root)
    if value.has(sympy.CRootOf):
        return value  # expanding powers of CRootOf only costs time
    return sympy.expand(value)


def _solve_with_sympy_polys(
    basis: list[Any], symbols: tuple[Any, ...], expr: Any
) -> list[dict[Any, Any]]:
    import sympy
    from sympy.polys.polyerrors import UnsolvableFactorError

    try:
        tuples = sympy.solve_poly_system(basis, *symbols, strict=True)
    except (UnsolvableFactorError, NotImplementedError) as error:
        # Limitation: a system that is neither in shape form nor solvable
        # in radicals is refused rather than answered incompletely.
        raise NotImplementedError(
            f"the stationary points of {expr} could not be found exactly "
            f"({error})"
        ) from None
    points = [dict(zip(symbols, values)) for values in tuples or []]
    return [p for p in points if _is_real_point(p)]


def _general_solutions(
    equations: list[Any], symbols: tuple[Any, ...], expr: Any
) -> list[dict[Any, Any]]:
    """Non-polynomial case: whatever ``sympy.solve`` finds, real only."""
    import sympy

    # Limitation: sympy.solve may return only some solutions of equations
    # with infinitely many (cos(x) = 0 gives two); the list is then not
    # every stationary point, and nothing here can tell.
    try:
        found = sympy.solve(equations, list(symbols), dict=True)
    except (NotImplementedError, ValueError) as error:
        # sympy raises ValueError for derivatives it cannot form, such as
        # that of Abs(x) at complex x; either way there is no answer.
        reason = " ".join(str(error).split())
        raise NotImplementedError(
            f"sympy cannot solve grad f = 0 for {expr} ({reason})"
        ) from None
    points = []
    for solution in found:
        point = {v: solution.get(v, v) for v in symbols}
        if any(not value.is_number for value in point.values()):
            _raise_not_isolated(expr)
        if _is_real_point(point) and point not in points:
            points.append(point)
    return points


def _is_real_point(point: Mapping[Any, Any]) -> bool:
    return all(_is_real(value) for value in point.values())


def _is_real(value: Any) -> bool:
    if value.is_real is not None:
        return bool(value.is_real)
    numeric = complex(value.evalf(30))
    return abs(numeric.imag) <= ZERO_TOLERANCE * max(1.0, abs(numeric))


def _as_float(value: Any) -> float:
    import sympy

    return float(sympy.re(value.evalf(30)))


# ---------------------------------------------------------- classification


@dataclass(frozen=True)
class Classification:
    """What a stationary point is, and the numbers that decided it.

    ``kind`` is "minimum", "maximum", "saddle" (neither: in one variable a
    flat point of inflection) or "inconclusive" (the test cannot tell).
    """

    point: dict
    kind: str
    details: dict


def classify_1d(expression: Any, variable: Any, point: Any) -> Classification:
    """Decide whether a stationary point of f(x) is a minimum or a maximum.

    At a stationary point f' = 0; f' changes sign from - to + (a minimum)
    when f'' > 0 and from + to - (a maximum) when f'' < 0. If f'' = 0 the
    first non-zero higher derivative decides: an even order behaves like
    f'', an odd order means f' keeps its sign (a flat inflection, reported
    as "saddle").
    """
    import sympy

    expr, symbols = _parse(expression, variable)
    _require_count("variable", symbols, 1)
    x = symbols[0]
    where = _point(point, symbols)
    slope = _value_at(sympy.diff(expr, x), where)
    if not _is_defined(slope):
        return _undefined(where, {"f'": slope})
    _require_stationary([slope], where)
    details: dict[str, Any] = {"f'": slope}
    for order in range(2, MAX_DERIVATIVE_ORDER + 1):
        value = _value_at(sympy.diff(expr, x, order), where)
        details[_derivative_name(order)] = value
        sign = _sign(value) if _is_defined(value) else None
        if sign is None:
            return Classification(where, "inconclusive", details)
        if sign != 0:
            return Classification(where, _kind_1d(order, sign), details)
    return Classification(where, "inconclusive", details)


def _kind_1d(order: int, sign: int) -> str:
    if order % 2 == 1:
        return "saddle"
    return "minimum" if sign > 0 else "maximum"


def _derivative_name(order: int) -> str:
    return "f" + "'" * order if order <= 3 else f"f^({order})"


def second_derivative_test(
    expression: Any, variables: Any, point: Any
) -> Classification:
    """The two-variable test with A = f_xx, B = f_xy, C = f_yy.

    AC - B^2 > 0 and A > 0: minimum; AC - B^2 > 0 and A < 0: maximum;
    AC - B^2 < 0: saddle; AC - B^2 = 0: the test says nothing.
    """
    import sympy

    expr, symbols = _parse(expression, variables)
    _require_count("variables", symbols, 2)
    where = _point(point, symbols)
    x, y = symbols
    slopes = [_value_at(sympy.diff(expr, v), where) for v in symbols]
    a = _value_at(sympy.diff(expr, x, 2), where)
    b = _value_at(sympy.diff(expr, x, y), where)
    c = _value_at(sympy.diff(expr, y, 2), where)
    if not all(map(_is_defined, [*slopes, a, b, c])):
        return _undefined(where, {"A": a, "B": b, "C": c})
    _require_stationary(slopes, where)
    discriminant = sympy.simplify(a * c - b**2)
    details = {"A": a, "B": b, "C": c, "AC - B^2": discriminant}
    return Classification(where, _kind_2d(discriminant, a), details)


def _kind_2d(discriminant: Any, a: Any) -> str:
    sign = _sign(discriminant)
    if sign is None or sign == 0:
        return "inconclusive"
    if sign < 0:
        return "saddle"
    return "minimum" if _sign(a) > 0 else "maximum"


def hessian_test(
    expression: Any, variables: Any, point: Any
) -> Classification:
    """Classify a stationary point in any number of variables.

    The Hessian H (all second partial derivatives) has real eigenvalues:
    all > 0: minimum; all < 0: maximum; some > 0 and some < 0: saddle;
    otherwise (a zero eigenvalue, the rest of one sign): inconclusive.
    In two variables this is the second-derivative test, since
    det H = AC - B^2 is the product of the two eigenvalues.
    """
    import sympy

    expr, symbols = _parse(expression, variables)
    where = _point(point, symbols)
    slopes = [_value_at(sympy.diff(expr, v), where) for v in symbols]
    hessian = sympy.hessian(expr, symbols).subs(where)
    if not all(map(_is_defined, [*slopes, *hessian])):
        return _undefined(where, {"hessian": hessian})
    _require_stationary(slopes, where)
    eigenvalues = _eigenvalues(hessian)
    details = {"hessian": hessian, "eigenvalues": eigenvalues}
    return Classification(where, _kind_from_eigenvalues(eigenvalues),
                          details)


def _eigenvalues(hessian: Any) -> tuple[float, ...]:
    """Eigenvalues of a symmetric numeric matrix, rounded for stable print.

    Limitation: computed in floating point, so an eigenvalue within
    ZERO_TOLERANCE (relative to the largest) of zero counts as zero.
    """
    matrix = np.array(hessian.evalf(30).tolist(), dtype=float)
    values = np.linalg.eigvalsh(matrix)
    scale = max(1.0, float(np.max(np.abs(values))))
    values[np.abs(values) <= ZERO_TOLERANCE * scale] = 0.0
    return tuple(round(float(v), 12) + 0.0 for v in values)


def _kind_from_eigenvalues(eigenvalues: tuple[float, ...]) -> str:
    if all(v > 0 for v in eigenvalues):
        return "minimum"
    if all(v < 0 for v in eigenvalues):
        return "maximum"
    if any(v > 0 for v in eigenvalues) and any(v < 0 for v in eigenvalues):
        return "saddle"
    return "inconclusive"


def _require_count(name: str, symbols: tuple[Any, ...], count: int) -> None:
    if len(symbols) != count:
        raise ValueError(
            f"{name} must name exactly {count} variable(s); got "
            f"{[s.name for s in symbols]}"
        )


def _require_stationary(slopes: list[Any], where: dict[Any, Any]) -> None:
    if any(_sign(slope) != 0 for slope in slopes):
        raise ValueError(
            f"point {where} is not a stationary point: the first "
            f"derivatives there are {slopes}, not all zero"
        )


def _undefined(
    where: dict[Any, Any], details: dict[str, Any]
) -> Classification:
    """A candidate where a derivative does not exist: no test applies."""
    details = {**details, "note": "a derivative is not defined here"}
    return Classification(where, "inconclusive", details)


def _value_at(expr: Any, where: dict[Any, Any]) -> Any:
    import sympy

    return sympy.simplify(expr.subs(where))


def _is_defined(value: Any) -> bool:
    return bool(value.is_number) and value.is_finite is not False and not (
        value.has(*_undefined_atoms())
    )


def _undefined_atoms() -> tuple[Any, ...]:
    import sympy

    return (sympy.nan, sympy.zoo, sympy.oo, -sympy.oo, sympy.DiracDelta)


def _sign(value: Any) -> int | None:
    """-1, 0 or 1 for a real sympy number; None when it is not one.

    Exact numbers are decided exactly; floats and values sympy cannot
    decide are evaluated and compared with ZERO_TOLERANCE.
    """
    import sympy

    if not value.is_number:
        return None
    if not value.has(sympy.Float):
        if value.is_zero:
            return 0
        if value.is_positive:
            return 1
        if value.is_negative:
            return -1
    numeric = complex(value.evalf(30))
    if abs(numeric.imag) > ZERO_TOLERANCE:
        return None
    if abs(numeric.real) <= ZERO_TOLERANCE:
        return 0
    return 1 if numeric.real > 0 else -1


# ------------------------------------------------------------------ timing


def random_polynomial(
    n_variables: int, *, seed: int = 0
) -> tuple[Any, tuple[Any, ...]]:
    """A seeded quartic in x1..xn whose neighbouring variables are coupled.

    f = sum_i (a_i x_i^4 + b_i x_i^2 + d_i x_i) + sum_i c_i x_i x_(i+1)

    with small integer coefficients, a_i > 0 and b_i < 0 (so f is bounded
    below and has several dips). Its gradient equations have up to 3^n
    solutions, which is what makes the symbolic method slow down.
    """
    import sympy

    n_variables = positive_int("n_variables", n_variables)
    seed = non_negative_int("seed", seed)
    rng = np.random.default_rng(seed)
    symbols = sympy.symbols(f"x1:{n_variables + 1}")
    terms = []
    for x in symbols:
        a, b = int(rng.integers(1, 4)), -int(rng.integers(1, 5))
        d = int(rng.choice([-2, -1, 1, 2]))
        terms.append(a * x**4 + b * x**2 + d * x)
    for left, right in zip(symbols, symbols[1:]):
        terms.append(int(rng.choice([-2, -1, 1, 2])) * left * right)
    return sympy.Add(*terms), tuple(symbols)


def time_symbolic_solve(
    n_variables: int, *, seed: int = 0, repeats: int = 1
) -> float:
    """Seconds sympy needs for the stationary points of a random quartic.

    Runs ``stationary_points`` on ``random_polynomial(n_variables, seed)``
    ``repeats`` times, clearing sympy's cache before each run, and returns
    the fastest run (the least disturbed by whatever else the machine is
    doing). Each extra variable multiplies the time several times over.
    An untimed solve runs first, once per session, so that sympy's
    one-time loading of its root-finding code is not counted.
    """
    import sympy

    n_variables = positive_int("n_variables", n_variables)
    if n_variables > MAX_TIMED_VARIABLES:
        raise ValueError(
            f"n_variables must be at most {MAX_TIMED_VARIABLES} (more "
            f"would take hours); got {n_variables}"
        )
    repeats = positive_int("repeats", repeats)
    expression, symbols = random_polynomial(n_variables, seed=seed)
    _warm_up()
    fastest = float("inf")
    for _ in range(repeats):
        sympy.core.cache.clear_cache()
        start = time.perf_counter()
        stationary_points(expression, symbols)
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


@functools.cache
def _warm_up() -> None:
    """Solve one small system untimed, once per session.

    The first solve whose points have no rational form loads parts of
    sympy that later solves reuse; timed, that load (about 0.1 s) would
    make two variables look slower than three.
    """
    stationary_points(*random_polynomial(2, seed=1))
