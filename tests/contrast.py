"""WCAG 2 contrast, for the checks that colours stay readable."""

from __future__ import annotations


def luminance(colour: tuple[float, ...]) -> float:
    """Relative luminance of an sRGB colour given as 0-255 channels."""

    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in colour[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def ratio(first: tuple[float, ...], second: tuple[float, ...]) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
