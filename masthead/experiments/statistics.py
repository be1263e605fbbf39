"""The statistics behind a test of the asks, honest however often it is read.

A test shows two or more variants of an ask (the appeal banner, the wall's
offer, the newsletter prompt) to readers split at random, counts how many
readers saw each variant and how many of them acted on it (a conversion), and
says which variant wins. People look at the results every day, and stop the
test the day it looks decided. A classical test (a chi-squared or z-test at
5 %) is only valid when it is read once, at a size fixed in advance: read daily
for a month, a test of two identical variants "finds" a difference far more
often than one time in twenty, simply because chance wanders past the line
sooner or later.

The method: mSPRT
-----------------
We use the mixture sequential probability ratio test (mSPRT) of Johari,
Koomen, Pekelis and Walsh, "Always valid inference: continuous monitoring of
A/B tests" (Operations Research 70(3), 2022; arXiv:1512.04922), in the normal
mixture form that Optimizely's Stats Engine runs.

Let theta be the true difference between the two variants and theta_hat its
estimate after n readers, approximately normal with variance V (the usual
plug-in variance, which shrinks as readers come in). Against the null
hypothesis theta = theta_0, the mSPRT weighs every alternative by a normal
"mixing" distribution N(theta_0, tau^2) and forms the ratio of the averaged
likelihood to the null likelihood. For normal data that ratio is the ratio of
two normal densities at theta_hat:

    Lambda_n = N(theta_hat; theta_0, V + tau^2) / N(theta_hat; theta_0, V)
             = sqrt(V / (V + tau^2)) * exp(tau^2 (theta_hat - theta_0)^2 / (2 V (V + tau^2)))

Under the null hypothesis Lambda_n is a nonnegative martingale with mean 1, so
by Ville's inequality the chance that it *ever* reaches 1/alpha, at any of the
looks, however many, is at most alpha. That is why the verdict stays valid
however often it is looked at, and why a test may be stopped the moment it is
decided. From it:

- the always-valid p-value p_n = min(1, 1 / Lambda_1, ..., 1 / Lambda_n), the
  running minimum over the looks so far (pass the previous verdict to carry it
  on), which never goes up;
- the always-valid confidence interval (a confidence sequence): every theta_0
  the test does not reject,
      theta_hat +/- sqrt(V (V + tau^2) / tau^2 * (2 log(1/alpha) + log((V + tau^2) / V))),
  intersected with the intervals of earlier looks. It holds for all looks at
  once with probability at least 1 - alpha.

We run the mSPRT on two scales. On the difference of rates, B minus A, it
gives the p-value and the interval for the difference in percentage points.
On the logarithm of the ratio of rates, log(rate B / rate A), it gives the
interval for the relative lift, exp(interval) - 1; both scales share the null
hypothesis "no difference". Variances use rates smoothed by half a reader,
(conversions + 0.5) / (readers + 1), so that zero counts neither divide by zero
nor pretend to a certainty they do not have.

Parameters
----------
- alpha = 0.05, the chance of declaring a winner between identical variants.
  With more than one challenger, each is compared with the control at
  alpha / (number of challengers) (Bonferroni), so the chance of any false
  winner stays at most alpha.
- tau^2, the mixing variance: the size of difference the test is tuned to
  find. Any tau keeps the guarantee; a tau near the real effect finds it
  sooner. We use tau^2 = 0.0001 on the difference of rates (tau = 1 percentage
  point, which suits asks converting a few per cent of readers) and
  tau^2 = 0.04 on the log of the ratio (tau = 0.2, lifts of about 20 %).
- smallest_worth_finding = 10 % relative: a test ends with "no difference
  worth finding" when the always-valid interval for the relative lift lies
  within plus or minus that. 10 % rather than 5 % because pinning a lift down
  to within 5 % takes around 20,000 conversions per variant, more than most
  papers' asks see in a season.
- A test keeps running until each variant has 100 readers and the variants
  together have 10 conversions, since the normal approximation means little
  before that.

The verdict is one of "keep running", "B beats A by x-y %" (always-valid
p-value at most alpha, and both intervals clear of zero on the same side;
this is said even when the lift is smaller than the margin, since it is real)
and "no difference worth finding".

The rate shown for each variant carries a Jeffreys interval (the Beta(1/2,
1/2) posterior's central interval): it describes each variant on the day,
while the decision rests on the always-valid intervals above.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


ALPHA = 0.05
TAU_DIFFERENCE = 0.01  # mixing sd on the difference of rates: 1 percentage point
TAU_RELATIVE = 0.2  # mixing sd on log(rate B / rate A): lifts of about 20 %
SMALLEST_WORTH_FINDING = 0.10
MIN_READERS = 100  # per variant
MIN_CONVERSIONS = 10  # across the two variants

KEEP_RUNNING = "keep running"
BEATS = "beats"
NO_DIFFERENCE = "no difference worth finding"

_LOG_CAP = 700.0  # math.exp overflows a little past 709


@dataclass(frozen=True)
class Verdict:
    """What one look at a test of two variants says."""

    decision: str  # KEEP_RUNNING, BEATS or NO_DIFFERENCE
    winner: str | None
    difference: tuple[float, float, float]  # B minus A, as rates: point, low, high
    relative: tuple[float, float]  # B over A minus 1, as fractions: low, high
    p_value: float  # always valid, the running minimum over looks
    method: str
    text: str
    names: tuple[str, str] = ("A", "B")


@dataclass(frozen=True)
class Comparison:
    """Every challenger compared with the control (the first variant)."""

    control: str
    rates: dict[str, tuple[float, float, float]]  # name: (rate, low, high)
    verdicts: dict[str, Verdict]  # challenger's name: its verdict against the control
    alpha_each: float
    method: str
    text: str


def _count(value: object, what: str) -> int:
    try:
        number = operator.index(value)
    except TypeError:
        raise ValueError(f"{what} must be a whole number; got {value!r}.") from None
    if number < 0:
        raise ValueError(f"{what} cannot be negative; got {number}.")
    return number


def _counts(conversions: object, readers: object) -> tuple[int, int]:
    conversions = _count(conversions, "Conversions")
    readers = _count(readers, "Readers")
    if conversions > readers:
        raise ValueError(f"{conversions} conversions from {readers} readers is not possible.")
    return conversions, readers


def rate_interval(
    conversions: int, readers: int, confidence: float = 0.95
) -> tuple[float, float, float]:
    """The conversion rate with its Jeffreys interval: (rate, low, high).

    With no readers yet the rate is shown as 0 and the interval is all of
    [0, 1]: nothing is known.
    """
    conversions, readers = _counts(conversions, readers)
    if not 0 < confidence < 1:
        raise ValueError(f"Confidence must lie between 0 and 1; got {confidence}.")
    if readers == 0:
        return 0.0, 0.0, 1.0
    tail = (1 - confidence) / 2
    a, b = conversions + 0.5, readers - conversions + 0.5
    from scipy.stats import beta  # here, not at import: a web worker never loads scipy

    low = 0.0 if conversions == 0 else float(beta.ppf(tail, a, b))
    high = 1.0 if conversions == readers else float(beta.ppf(1 - tail, a, b))
    return conversions / readers, low, high


def _smoothed(conversions: int, readers: int) -> float:
    return (conversions + 0.5) / (readers + 1)


def _half_width(variance: float, tau: float, alpha: float) -> float:
    """Half the width of the mSPRT's confidence sequence at this look."""
    tau2 = tau * tau
    return math.sqrt(
        variance
        * (variance + tau2)
        / tau2
        * (2 * math.log(1 / alpha) + math.log((variance + tau2) / variance))
    )


def _log_likelihood_ratios(
    estimates: Sequence[float], variances: Sequence[float], taus: Sequence[float]
) -> np.ndarray:
    """log Lambda for each (estimate, variance, tau), against "no difference"."""
    import numpy as np  # here, not at import: a web worker never loads numpy or scipy
    from scipy.stats import norm

    estimates = np.asarray(estimates, dtype=float)
    variances = np.asarray(variances, dtype=float)
    taus = np.asarray(taus, dtype=float)
    spread = np.sqrt(np.concatenate([variances + taus**2, variances]))
    densities = norm.logpdf(np.concatenate([estimates, estimates]), scale=spread)
    return densities[: len(estimates)] - densities[len(estimates) :]


def _intersect(current: tuple[float, float], earlier: tuple[float, float] | None):
    if earlier is None:
        return current
    low, high = max(current[0], earlier[0]), min(current[1], earlier[1])
    # An empty intersection means the model has been caught out; trust today.
    return (low, high) if low <= high else current


def _exp_minus_one(value: float) -> float:
    return math.expm1(min(value, _LOG_CAP))


def _percent_low(fraction: float) -> str:
    percent = fraction * 100
    if percent >= 1:
        return f"{math.floor(percent):d}"
    return f"{math.floor(percent * 10) / 10:g}"


def _percent_high(fraction: float) -> str:
    percent = fraction * 100
    if percent >= 1:
        return f"{math.ceil(percent):,d}"
    return f"{math.ceil(percent * 10) / 10:g}"


def _method(alpha: float, tau: float, tau_relative: float) -> str:
    return (
        f"mSPRT (always-valid p-value, normal mixture, τ² = {tau * tau:.3g} on the difference "
        f"of rates and τ² = {tau_relative * tau_relative:.3g} on the log of their ratio), "
        f"α = {alpha:.3g}"
    )


def verdict(
    a_conversions: int,
    a_readers: int,
    b_conversions: int,
    b_readers: int,
    *,
    alpha: float = ALPHA,
    tau: float = TAU_DIFFERENCE,
    tau_relative: float = TAU_RELATIVE,
    smallest_worth_finding: float = SMALLEST_WORTH_FINDING,
    names: tuple[str, str] = ("A", "B"),
    previous: Verdict | None = None,
) -> Verdict:
    """The verdict on B against A from the counts so far.

    Counts are cumulative since the test began. Pass the verdict of the
    previous look as `previous` to carry on the running minimum of the
    p-value and the intersection of the intervals; without it, each look
    stands alone (and is still valid on its own).
    """
    a_conversions, a_readers = _counts(a_conversions, a_readers)
    b_conversions, b_readers = _counts(b_conversions, b_readers)
    if not 0 < alpha < 1:
        raise ValueError(f"α must lie between 0 and 1; got {alpha}.")
    if tau <= 0 or tau_relative <= 0:
        raise ValueError("The mixing variances τ² must be more than 0.")
    if smallest_worth_finding <= 0:
        raise ValueError("The smallest difference worth finding must be more than 0.")
    name_a, name_b = names

    a_smooth, b_smooth = _smoothed(a_conversions, a_readers), _smoothed(b_conversions, b_readers)
    a_n, b_n = max(a_readers, 1), max(b_readers, 1)
    a_rate = a_conversions / a_readers if a_readers else 0.0
    b_rate = b_conversions / b_readers if b_readers else 0.0

    difference = b_rate - a_rate
    difference_variance = a_smooth * (1 - a_smooth) / a_n + b_smooth * (1 - b_smooth) / b_n
    log_ratio = math.log(b_smooth / a_smooth)
    log_ratio_variance = (1 - a_smooth) / (a_n * a_smooth) + (1 - b_smooth) / (b_n * b_smooth)

    log_lambda, _ = _log_likelihood_ratios(
        [difference, log_ratio], [difference_variance, log_ratio_variance], [tau, tau_relative]
    )
    p_value = min(1.0, math.exp(-min(float(log_lambda), _LOG_CAP)))

    spread = _half_width(difference_variance, tau, alpha)
    difference_interval = (max(difference - spread, -1.0), min(difference + spread, 1.0))
    spread = _half_width(log_ratio_variance, tau_relative, alpha)
    relative_interval = (
        _exp_minus_one(log_ratio - spread),
        _exp_minus_one(log_ratio + spread),
    )
    if previous is not None:
        p_value = min(p_value, previous.p_value)
        difference_interval = _intersect(difference_interval, previous.difference[1:])
        relative_interval = _intersect(relative_interval, previous.relative)

    enough = (
        min(a_readers, b_readers) >= MIN_READERS
        and a_conversions + b_conversions >= MIN_CONVERSIONS
    )
    b_ahead = difference_interval[0] > 0 and relative_interval[0] > 0
    a_ahead = difference_interval[1] < 0 and relative_interval[1] < 0
    within_margin = (
        -smallest_worth_finding < relative_interval[0]
        and relative_interval[1] < smallest_worth_finding
    )

    winner = None
    if enough and p_value <= alpha and (b_ahead or a_ahead):
        decision = BEATS
        if b_ahead:
            winner, loser, lift = name_b, name_a, relative_interval
        else:
            # A's lift over B is 1 / (1 + B's lift over A) - 1.
            winner, loser = name_a, name_b
            lift = (1 / (1 + relative_interval[1]) - 1, 1 / (1 + relative_interval[0]) - 1)
        text = f"{winner} beats {loser} by {_percent_low(lift[0])}–{_percent_high(lift[1])} %"
    elif enough and within_margin:
        decision, text = NO_DIFFERENCE, "No difference worth finding"
    else:
        decision, text = KEEP_RUNNING, "Keep running"

    return Verdict(
        decision=decision,
        winner=winner,
        difference=(difference, *difference_interval),
        relative=relative_interval,
        p_value=p_value,
        method=_method(alpha, tau, tau_relative),
        text=text,
        names=(name_a, name_b),
    )


def compare(
    variants: Sequence[tuple[str, int, int]],
    *,
    alpha: float = ALPHA,
    tau: float = TAU_DIFFERENCE,
    tau_relative: float = TAU_RELATIVE,
    smallest_worth_finding: float = SMALLEST_WORTH_FINDING,
    previous: Comparison | None = None,
) -> Comparison:
    """Compare each challenger with the control, the first of `variants`.

    `variants` holds (name, readers, conversions) for two to four variants;
    a holdout, which sees no ask, is left out by the caller or given as the
    control. Each comparison runs at alpha divided by the number of
    challengers (Bonferroni), so the chance of any false winner stays at
    most alpha.
    """
    if not 2 <= len(variants) <= 4:
        raise ValueError(f"A comparison needs 2 to 4 variants; it has {len(variants)}.")
    names = [name for name, _, _ in variants]
    if len(set(names)) != len(names):
        raise ValueError("Variant names must differ.")
    (control, control_readers, control_conversions), *challengers = variants
    alpha_each = alpha / len(challengers)

    rates = {name: rate_interval(conversions, readers) for name, readers, conversions in variants}
    verdicts = {
        name: verdict(
            control_conversions,
            control_readers,
            conversions,
            readers,
            alpha=alpha_each,
            tau=tau,
            tau_relative=tau_relative,
            smallest_worth_finding=smallest_worth_finding,
            names=(control, name),
            previous=previous.verdicts.get(name) if previous else None,
        )
        for name, readers, conversions in challengers
    }

    decisions = {one.decision for one in verdicts.values()}
    if len(verdicts) == 1:
        text = next(iter(verdicts.values())).text
    elif decisions == {KEEP_RUNNING}:
        text = "Keep running"
    elif decisions == {NO_DIFFERENCE}:
        text = "No difference worth finding"
    else:
        parts = []
        for name, one in verdicts.items():
            if one.decision == BEATS:
                parts.append(one.text)
            else:
                parts.append(f"{name} against {control}: {one.text[0].lower()}{one.text[1:]}")
        text = "; ".join(parts)

    method = _method(alpha_each, tau, tau_relative)
    if len(challengers) > 1:
        method += (
            f" for each of {len(challengers)} comparisons with {control} "
            f"(Bonferroni, α = {alpha:.3g} overall)"
        )
    return Comparison(
        control=control,
        rates=rates,
        verdicts=verdicts,
        alpha_each=alpha_each,
        method=method,
        text=text,
    )
