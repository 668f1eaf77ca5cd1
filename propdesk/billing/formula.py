"""A small, safe expression language over Decimal for custom fee formulas.

Fee standards may carry a formula such as ``建筑面积 * 单价 * 1.1`` or
``max(area * price, 50)``.  It is parsed with :mod:`ast` and walked against a
whitelist; nothing is ever passed to ``eval``.  Number literals are read from
the source text as Decimal, so ``2.30`` never becomes a float.

Allowed: numbers, variables, ``+ - * /``, unary minus, parentheses,
comparisons, ``and``/``or``/``not``, ``a if cond else b``, and the functions
``min``, ``max``, ``abs``.

Every failure raises :class:`FormulaError` with the formula, the place and
what to do: an unknown variable, division by zero, a result that is negative
where that is not allowed, or a formula that does not parse.  A formula never
silently yields 0.
"""

from __future__ import annotations

import ast
import operator
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation, localcontext
from typing import Mapping

from propdesk.errors import PropDeskError

# The names a formula may use; Chinese and English spellings mean the same value.
VARIABLES: dict[str, tuple[str, str]] = {
    "area": ("建筑面积", "building area, m²"),
    "inner_area": ("套内面积", "inner area, m²"),
    "price": ("单价", "unit price of the standard version"),
    "amount": ("固定金额", "fixed amount of the standard version"),
    "usage": ("用量", "metered usage in the period"),
    "months": ("月数", "months in the billing cycle"),
    "days": ("计费天数", "billed days in the cycle"),
    "period_days": ("周期天数", "calendar days in the cycle"),
    "floor": ("楼层", "floor number"),
    "households": ("户数", "number of households sharing (public meters)"),
}
ALIASES: dict[str, str] = {zh: en for en, (zh, _) in VARIABLES.items()}

MAX_LENGTH = 500


class FormulaError(PropDeskError):
    """A formula that cannot be evaluated; says what, where and what to do."""


_BINOPS = {ast.Add: ("+", operator.add), ast.Sub: ("−", operator.sub),
           ast.Mult: ("×", operator.mul), ast.Div: ("÷", operator.truediv)}
_CMPOPS = {ast.Lt: ("<", operator.lt), ast.LtE: ("≤", operator.le), ast.Gt: (">", operator.gt),
           ast.GtE: ("≥", operator.ge), ast.Eq: ("=", operator.eq), ast.NotEq: ("≠", operator.ne)}
_FUNCS = {"min": min, "max": max, "abs": abs}


def canonical(name: str) -> str:
    return ALIASES.get(name, name)


def _show(d: Decimal) -> str:
    """A value as it is stored (128.50 stays 128.50), never in exponent form."""
    return format(d, "f")


@dataclass(frozen=True)
class Formula:
    """A parsed formula: ``evaluate`` it against variable values."""

    source: str
    tree: ast.Expression
    names: frozenset[str]  # canonical variable names used

    def evaluate(self, values: Mapping[str, Decimal], *, allow_negative: bool = False,
                 where: str = "") -> tuple[Decimal, str]:
        """Value and a human rendering with the inputs substituted.

        Raises FormulaError on any failure; ``where`` (e.g. the room code and
        standard name) is put in the message so the operator can find it.
        """
        loc = f"{where}：" if where else ""
        loc_en = f"{where}: " if where else ""
        missing = sorted(n for n in self.names if n not in values)
        if missing:
            zh = "、".join(f"{VARIABLES[n][0]}({n})" if n in VARIABLES else n for n in missing)
            raise FormulaError(
                f"{loc}公式「{self.source}」缺少变量 {zh} 的取值，请检查房间资料或标准设置",
                f"{loc_en}formula '{self.source}' has no value for {', '.join(missing)}")
        with localcontext() as ctx:
            ctx.prec = 34
            ctx.traps[DivisionByZero] = True
            ctx.traps[InvalidOperation] = True
            try:
                value, text = _eval(self.tree.body, self.source, values)
            except (DivisionByZero, InvalidOperation, ZeroDivisionError):
                raise FormulaError(
                    f"{loc}公式「{self.source}」计算时除数为零，请检查公式和输入值",
                    f"{loc_en}formula '{self.source}' divides by zero") from None
        if isinstance(value, bool):
            raise FormulaError(f"{loc}公式「{self.source}」的结果是真/假而不是金额",
                               f"{loc_en}formula '{self.source}' yields a truth value, not an amount")
        if value < 0 and not allow_negative:
            raise FormulaError(
                f"{loc}公式「{self.source}」结果为负数 {value}，本标准不允许负金额，请检查公式",
                f"{loc_en}formula '{self.source}' gives a negative result {value}, not allowed here")
        return value, text


def _eval(node: ast.AST, src: str, values: Mapping[str, Decimal]):
    if isinstance(node, ast.Constant):
        seg = ast.get_source_segment(src, node) or repr(node.value)
        seg = seg.replace("_", "")
        return Decimal(seg), seg
    if isinstance(node, ast.Name):
        name = canonical(node.id)
        v = values[name]
        label = node.id
        return v, f"{label}({_show(v)})"
    if isinstance(node, ast.UnaryOp):
        v, t = _eval(node.operand, src, values)
        if isinstance(node.op, ast.USub):
            return -v, f"−{t}"
        if isinstance(node.op, ast.UAdd):
            return v, t
        return (not v), f"not {t}"
    if isinstance(node, ast.BinOp):
        sym, fn = _BINOPS[type(node.op)]
        a, ta = _eval(node.left, src, values)
        b, tb = _eval(node.right, src, values)
        if isinstance(node.op, ast.Div) and b == 0:
            raise ZeroDivisionError
        ta = f"({ta})" if isinstance(node.left, (ast.BinOp, ast.IfExp)) and _weaker(node.left, node) else ta
        tb = f"({tb})" if isinstance(node.right, (ast.BinOp, ast.IfExp)) and _weaker(node.right, node, True) else tb
        return fn(a, b), f"{ta} {sym} {tb}"
    if isinstance(node, ast.Compare):
        left, tl = _eval(node.left, src, values)
        parts, ok = [tl], True
        for op, comp in zip(node.ops, node.comparators):
            sym, fn = _CMPOPS[type(op)]
            right, tr = _eval(comp, src, values)
            ok = ok and fn(left, right)
            parts += [sym, tr]
            left = right
        return ok, " ".join(parts)
    if isinstance(node, ast.BoolOp):
        results = [_eval(v, src, values) for v in node.values]
        if isinstance(node.op, ast.And):
            return all(r[0] for r in results), " 且 ".join(r[1] for r in results)
        return any(r[0] for r in results), " 或 ".join(r[1] for r in results)
    if isinstance(node, ast.IfExp):
        cond, tc = _eval(node.test, src, values)
        branch = node.body if cond else node.orelse
        v, t = _eval(branch, src, values)
        return v, f"[{tc} → {t}]"
    if isinstance(node, ast.Call):
        fn = _FUNCS[node.func.id]
        args = [_eval(a, src, values) for a in node.args]
        v = fn(*(a[0] for a in args))
        return v, f"{node.func.id}({', '.join(a[1] for a in args)})"
    raise AssertionError(f"node {type(node).__name__} passed the whitelist")  # parse() prevents this


_PREC = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2}


def _weaker(child: ast.AST, parent: ast.BinOp, right: bool = False) -> bool:
    if isinstance(child, ast.IfExp):
        return True
    c, p = _PREC[type(child.op)], _PREC[type(parent.op)]
    return c < p or (right and c == p and isinstance(parent.op, (ast.Sub, ast.Div)))


def parse(source: str, *, known: frozenset[str] | set[str] | None = None) -> Formula:
    """Parse and check a formula; ``known`` limits the variables it may use.

    Raises FormulaError pointing at the offending part.
    """
    src = (source or "").strip()
    if not src:
        raise FormulaError("公式为空，请输入公式，如：建筑面积 * 单价", "the formula is empty")
    if len(src) > MAX_LENGTH:
        raise FormulaError(f"公式过长（超过 {MAX_LENGTH} 个字符）", f"formula longer than {MAX_LENGTH} characters")
    # Full-width operators typed with a Chinese IME are accepted.
    src = (src.replace("（", "(").replace("）", ")").replace("×", "*").replace("÷", "/")
           .replace("，", ",").replace("－", "-").replace("＋", "+"))
    try:
        tree = ast.parse(src, mode="eval")
    except SyntaxError as exc:
        col = (exc.offset or 1)
        raise FormulaError(f"公式「{src}」第 {col} 个字符附近有语法错误，请检查括号和运算符",
                           f"syntax error in formula '{src}' near character {col}") from None
    names: set[str] = set()
    allowed = known if known is not None else frozenset(VARIABLES)
    callees = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for node in ast.walk(tree):
        bad = None
        if id(node) in callees:
            if not (isinstance(node, ast.Name) and node.id in _FUNCS):
                bad = "只允许函数 min、max、abs"
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                bad = f"不支持的常量 {node.value!r}"
            elif isinstance(node.value, float) and ("e" in (ast.get_source_segment(src, node) or "").lower()):
                bad = "不支持科学计数法"
        elif isinstance(node, ast.Name):
            name = canonical(node.id)
            if name not in allowed:
                choices = "、".join(f"{VARIABLES[n][0]}/{n}" for n in sorted(allowed) if n in VARIABLES)
                raise FormulaError(
                    f"公式「{src}」中的变量「{node.id}」不存在，可用变量：{choices}",
                    f"unknown variable '{node.id}' in formula '{src}'; known: {', '.join(sorted(allowed))}")
            names.add(name)
        elif isinstance(node, ast.Call):
            if not (isinstance(node.func, ast.Name) and node.func.id in _FUNCS) or node.keywords:
                bad = "只允许函数 min、max、abs"
            elif not node.args or (node.func.id == "abs" and len(node.args) != 1):
                bad = f"函数 {getattr(node.func, 'id', '?')} 的参数个数不对"
        elif isinstance(node, ast.BinOp):
            if type(node.op) not in _BINOPS:
                bad = "只允许 + − × ÷ 四则运算"
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, (ast.USub, ast.UAdd, ast.Not)):
                bad = "不支持的运算符"
        elif isinstance(node, ast.Compare):
            if any(type(op) not in _CMPOPS for op in node.ops):
                bad = "不支持的比较运算"
        elif not isinstance(node, (ast.Expression, ast.BoolOp, ast.IfExp, ast.Load, ast.And, ast.Or,
                                   ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd, ast.Not,
                                   *_CMPOPS)):
            bad = f"不支持的写法（{type(node).__name__}）"
        if bad:
            seg = ast.get_source_segment(src, node) or src
            raise FormulaError(f"公式「{src}」中「{seg}」：{bad}",
                               f"formula '{src}': '{seg}' is not allowed")
    return Formula(src, tree, frozenset(names))
