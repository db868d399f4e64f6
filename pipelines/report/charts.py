"""The report's charts, drawn with matplotlib (Agg backend) and returned as PNG bytes."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # no display: files only

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

WIDTH, HEIGHT, DPI = 8.0, 3.6, 100


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", dpi=DPI)
    plt.close(fig)
    return buffer.getvalue()


def _empty(ax: plt.Axes, message: str = "no data in the current tables") -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#666")
    ax.set_xticks([])
    ax.set_yticks([])


def stacked_bars(
    frame: pd.DataFrame, x: str, stack: str, value: str, title: str, ylabel: str, log: bool = False
) -> bytes:
    """Bars of ``value`` per ``x``, stacked by ``stack`` (side by side on a log scale when ``log``:
    money spans orders of magnitude)."""
    fig, ax = plt.subplots(figsize=(WIDTH, HEIGHT))
    if frame.empty:
        _empty(ax)
    else:
        table = frame.pivot_table(index=x, columns=stack, values=value, aggfunc="sum", fill_value=0)
        table.index = table.index.astype(str)
        table.plot(kind="bar", stacked=not log, logy=log, ax=ax, width=0.8, colormap="tab10")
        ax.legend(title=stack, fontsize=8, title_fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        ax.set_xlabel(x)
        ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    ax.set_title(title, fontsize=10)
    ax.set_ylabel(ylabel)
    return _png(fig)


def ranked_bars(frame: pd.DataFrame, label: str, value: str, title: str, xlabel: str) -> bytes:
    """Horizontal bars of ``value`` per ``label``, largest on top."""
    fig, ax = plt.subplots(figsize=(WIDTH, HEIGHT))
    if frame.empty:
        _empty(ax)
    else:
        ordered = frame.sort_values(value)
        ax.barh(ordered[label].astype(str), ordered[value], color="#3b75af")
        ax.tick_params(axis="y", labelsize=8)
        ax.set_xlabel(xlabel)
    ax.set_title(title, fontsize=10)
    return _png(fig)


def timeline(frame: pd.DataFrame, label: str, when: str, title: str) -> bytes:
    """One point per ``label`` at its date ``when``, oldest at the bottom."""
    fig, ax = plt.subplots(figsize=(WIDTH, max(HEIGHT, 0.28 * len(frame) + 1.0)))
    if frame.empty:
        _empty(ax)
    else:
        ordered = frame.assign(_when=pd.to_datetime(frame[when])).sort_values("_when")
        ax.scatter(ordered["_when"], ordered[label].astype(str), color="#c4572a", zorder=3)
        ax.grid(axis="x", color="#ddd", zorder=0)
        ax.tick_params(axis="y", labelsize=8)
        ax.tick_params(axis="x", labelrotation=30, labelsize=8)
    ax.set_title(title, fontsize=10)
    return _png(fig)
