"""Interactive figures: live sliders in Jupyter, precomputed on the website.

A slider figure is a *scene* (a matplotlib figure whose few changing artists
are redrawn for each slider position) plus a list of *controls* (the slider
positions). The same scene serves two audiences:

- In Jupyter, moving a slider redraws only the changing artists over a
  cached background and sends the PNG to an ``ipywidgets.Image``. Nothing
  piles up under the cell, and nbval sees no stray output.
- On the static website there is no kernel, so every slider position is
  computed in advance by the same scene code. The page gets the background
  as one PNG and, for each position, the changing lines and texts as SVG
  data, switched by a few lines of plain JavaScript driving native
  ``<input type="range">`` elements.

Every control moves on a fixed grid of values, the same grid in both
places, so what the website shows is exactly what Jupyter shows.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from matplotlib.artist import Artist
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from helpers.figures import png_bytes, png_data_uri

MAX_FRAMES = 2000
PT_TO_PX = 1 / 72


@dataclass(frozen=True)
class Control:
    """One slider: a name passed to the scene, a label, a grid of values."""

    name: str
    label: str
    values: tuple[Any, ...]
    initial: Any

    def format(self, value: Any) -> str:
        """Return the text shown beside the slider for ``value``."""
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    def index(self, value: Any) -> int:
        """Return the grid position of ``value``."""
        return self.values.index(value)


def control(
    name: str,
    label: str,
    values: Sequence[Any],
    initial: Any = None,
) -> Control:
    """Build a :class:`Control`; ``initial`` defaults to the first value."""
    if not name.isidentifier():
        raise ValueError(f"name must be a Python identifier; got {name!r}")
    grid = tuple(_plain(v) for v in values)
    if len(grid) < 2:
        raise ValueError(
            f"values for {name!r} must hold at least 2 positions; "
            f"got {len(grid)}"
        )
    if len(set(grid)) != len(grid):
        raise ValueError(f"values for {name!r} must not repeat; got {grid}")
    start = grid[0] if initial is None else _plain(initial)
    if start not in grid:
        raise ValueError(
            f"initial for {name!r} must be one of {grid}; got {initial!r}"
        )
    return Control(name, label, grid, start)


def _plain(value: Any) -> Any:
    """Turn numpy scalars into Python ones so grids compare and print."""
    if isinstance(value, np.generic):
        return value.item()
    return value


class Scene(Protocol):
    """What a slider figure needs from its scene."""

    figure: Figure
    animated: list[Artist]

    def update(self, **values: Any) -> str:
        """Move the animated artists for ``values``; return a status line."""


class SliderFigure:
    """A scene with its controls, shown live in Jupyter or from frames.

    Displaying the object gives a MIME bundle with three entries: the live
    widget view (Jupyter), a self-contained HTML version with precomputed
    frames (the website, or any viewer without a kernel) and a short,
    stable text description (plain-text viewers and nbval).
    """

    def __init__(
        self,
        scene: Scene,
        controls: Sequence[Control],
        *,
        description: str,
        alt: str,
    ) -> None:
        if not controls:
            raise ValueError("controls must hold at least one Control")
        names = [c.name for c in controls]
        if len(set(names)) != len(names):
            raise ValueError(f"control names must differ; got {names}")
        frame_count = int(np.prod([len(c.values) for c in controls]))
        if frame_count > MAX_FRAMES:
            raise ValueError(
                f"the controls span {frame_count} slider positions; at most "
                f"{MAX_FRAMES} fit on a static page"
            )
        self.scene = scene
        self.controls = tuple(controls)
        self.description = description
        self.alt = alt
        self.values = {c.name: c.initial for c in controls}
        self._widget = None
        self._background = None
        for artist in scene.animated:
            artist.set_animated(True)
        self.status = scene.update(**self.values)

    def __repr__(self) -> str:
        labels = ", ".join(c.label for c in self.controls)
        return f"SliderFigure({self.description}; sliders: {labels})"

    def set(self, **values: Any) -> str:
        """Move sliders by name, redraw, and return the new status line."""
        for name, value in values.items():
            control_ = self._control(name)
            value = _plain(value)
            if value not in control_.values:
                raise ValueError(
                    f"{name} must be one of {control_.values}; got {value!r}"
                )
            self.values[name] = value
        self.status = self.scene.update(**self.values)
        if self._widget is not None:
            self._refresh_widget()
        return self.status

    def _control(self, name: str) -> Control:
        for control_ in self.controls:
            if control_.name == name:
                return control_
        known = ", ".join(c.name for c in self.controls)
        raise ValueError(f"no slider named {name!r}; sliders: {known}")

    # -- live view -------------------------------------------------------

    def render_png(self) -> bytes:
        """Draw the current state by blitting the animated artists."""
        figure = self.scene.figure
        canvas = figure.canvas
        if self._background is None:
            canvas.draw()
            self._background = canvas.copy_from_bbox(figure.bbox)
        canvas.restore_region(self._background)
        for artist in self.scene.animated:
            figure.draw_artist(artist)
        return _encode_png(canvas.buffer_rgba())

    def widget(self):
        """Return the live ``ipywidgets`` view (built once, then reused)."""
        if self._widget is None:
            self._widget = self._build_widget()
        return self._widget

    def _build_widget(self):
        import ipywidgets

        self._image = ipywidgets.Image(
            value=self.render_png(), format="png",
            layout=ipywidgets.Layout(max_width="100%", height="auto"),
        )
        self._status = ipywidgets.HTML(value=html.escape(self.status))
        self._sliders = [self._slider(c) for c in self.controls]
        return ipywidgets.VBox(
            [self._image, *self._sliders, self._status]
        )

    def _slider(self, control_: Control):
        import ipywidgets

        slider = ipywidgets.SelectionSlider(
            options=[(control_.format(v), v) for v in control_.values],
            value=self.values[control_.name],
            description=control_.label,
            continuous_update=True,
            style={"description_width": "initial"},
            layout=ipywidgets.Layout(width="95%"),
        )

        def on_change(change: dict) -> None:
            self.set(**{control_.name: change["new"]})

        slider.observe(on_change, names="value")
        return slider

    def _refresh_widget(self) -> None:
        self._image.value = self.render_png()
        self._status.value = html.escape(self.status)

    # -- static view -----------------------------------------------------

    def frames(self) -> dict[str, list]:
        """Return every slider position's artist data, keyed "i,j,...".

        The figure is left showing the initial position afterwards.
        """
        grids = [range(len(c.values)) for c in self.controls]
        frames = {}
        for indices in itertools.product(*grids):
            values = {
                c.name: c.values[i] for c, i in zip(self.controls, indices)
            }
            status = self.scene.update(**values)
            states = [_artist_state(a, self._height) for a in self._artists]
            frames[",".join(map(str, indices))] = [*states, status]
        self.scene.update(**self.values)
        return frames

    @property
    def _artists(self) -> list[Artist]:
        return list(self.scene.animated)

    @property
    def _height(self) -> float:
        return self.scene.figure.bbox.height

    def fallback_html(self) -> str:
        """Return the kernel-free version: background, frames, plain JS."""
        background = self._background_png()
        data = {
            "styles": [_artist_style(a, self._height) for a in self._artists],
            "labels": [[c.format(v) for v in c.values] for c in self.controls],
            "frames": self.frames(),
        }
        payload = json.dumps(data, separators=(",", ":"), sort_keys=True)
        digest = hashlib.sha256(background + payload.encode()).hexdigest()
        return _FallbackPage(
            uid="nnb-" + digest[:12],
            background=background,
            payload=payload,
            controls=self.controls,
            initial=self.values,
            size=self.scene.figure.bbox.size,
            alt=self.alt,
        ).render()

    def _background_png(self) -> bytes:
        """Render the figure without its animated artists."""
        hidden = [a for a in self._artists if a.get_visible()]
        for artist in hidden:
            artist.set_visible(False)
        try:
            return png_bytes(self.scene.figure)
        finally:
            for artist in hidden:
                artist.set_visible(True)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = {
            "text/plain": repr(self),
            "text/html": self.fallback_html(),
        }
        try:
            widget = self.widget()
        except ImportError:
            return bundle
        bundle["application/vnd.jupyter.widget-view+json"] = {
            "version_major": 2,
            "version_minor": 0,
            "model_id": widget.model_id,
        }
        return bundle


def _encode_png(rgba: memoryview) -> bytes:
    """Encode an RGBA canvas buffer as an RGB PNG, fast.

    The live view re-encodes the whole image on every slider move, so speed
    beats size here: rows are stored unfiltered and zlib runs at level 1,
    about twice as fast as a general-purpose encoder on these figures.
    """
    pixels = np.asarray(rgba)[..., :3]
    height, width, _ = pixels.shape
    rows = np.zeros((height, 1 + 3 * width), dtype=np.uint8)
    rows[:, 1:] = pixels.reshape(height, -1)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join([
        b"\x89PNG\r\n\x1a\n",
        _png_chunk(b"IHDR", header),
        _png_chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)),
        _png_chunk(b"IEND", b""),
    ])


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    checksum = zlib.crc32(kind + data)
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", checksum)


# -- turning artists into SVG data ------------------------------------------

_DASHES = {"--": "6,4", ":": "1.5,3", "-.": "6,3,1.5,3"}
_ANCHORS = {"left": "start", "center": "middle", "right": "end"}
_BASELINES = {
    "top": "hanging", "center": "central", "center_baseline": "central",
    "bottom": "text-after-edge", "baseline": "alphabetic",
}


def _artist_state(artist: Artist, height: float) -> Any:
    """Return what changes between frames: points of a line, a text."""
    # Limitation: only lines (with round markers) and texts can change
    # between frames; a scene whose patches, images or other marker shapes
    # move cannot have a static version, and building one fails here.
    if not artist.get_visible():
        return None
    if isinstance(artist, Line2D):
        return _line_points(artist, height)
    if isinstance(artist, Text):
        x, y = artist.get_transform().transform(artist.get_position())
        return [round(float(x), 1), round(height - float(y), 1),
                artist.get_text()]
    raise TypeError(
        f"animated artists must be Line2D or Text; got {type(artist)}"
    )


def _line_points(line: Line2D, height: float) -> str | None:
    xy = np.asarray(line.get_xydata(), dtype=float)
    if xy.size == 0:
        return None
    pixels = line.get_transform().transform(xy)
    finite = np.all(np.isfinite(pixels), axis=1)
    return " ".join(
        f"{x:.1f},{height - y:.1f}" for x, y in pixels[finite]
    )


def _artist_style(artist: Artist, height: float) -> dict:
    """Return what stays fixed between frames: colours, widths, clip box."""
    if isinstance(artist, Line2D):
        return _line_style(artist, height)
    font_px = artist.get_fontsize() * artist.figure.dpi * PT_TO_PX
    return {
        "k": "t",
        "c": to_hex(artist.get_color()),
        "fs": round(font_px, 1),
        "a": _ANCHORS.get(artist.get_horizontalalignment(), "start"),
        "b": _BASELINES.get(artist.get_verticalalignment(), "alphabetic"),
        "fw": "bold" if artist.get_fontweight() in ("bold", 700) else "",
    }


def _line_style(line: Line2D, height: float) -> dict:
    px = line.figure.dpi * PT_TO_PX
    style = {
        "k": "l",
        "c": to_hex(line.get_color()),
        "w": round(line.get_linewidth() * px, 2),
        "d": _DASHES.get(line.get_linestyle(), ""),
        "o": 0 if line.get_linestyle() in ("None", "", " ") else 1,
        "m": round(line.get_markersize() * px / 2, 2)
        if line.get_marker() not in (None, "None", "", " ") else 0,
        "mf": to_hex(line.get_markerfacecolor()),
        "al": line.get_alpha() if line.get_alpha() is not None else 1,
        "z": line.get_zorder(),
    }
    box = line.get_clip_box()
    if box is not None and line.get_clip_on():
        style["clip"] = [
            round(box.x0, 1), round(height - box.y1, 1),
            round(box.width, 1), round(box.height, 1),
        ]
    return style


@dataclass(frozen=True)
class _FallbackPage:
    uid: str
    background: bytes
    payload: str
    controls: tuple[Control, ...]
    initial: dict[str, Any]
    size: tuple[float, float]
    alt: str

    def render(self) -> str:
        width, height = (round(float(v)) for v in self.size)
        alt = html.escape(self.alt, quote=True)
        sliders = "".join(self._slider(c) for c in self.controls)
        payload = self.payload.replace("</", "<\\/")
        return (
            f'<div class="nnb-slider-figure" id="{self.uid}" '
            f'style="max-width:{width}px">'
            '<div style="position:relative;line-height:0">'
            f'<img src="{png_data_uri(self.background)}" alt="{alt}" '
            'style="width:100%;height:auto;display:block">'
            f'<svg viewBox="0 0 {width} {height}" aria-hidden="true" '
            'style="position:absolute;left:0;top:0;width:100%;'
            'height:100%;overflow:hidden"><g class="nnb-layer"></g></svg>'
            "</div>"
            f"{sliders}"
            '<p class="nnb-status" aria-live="polite" '
            'style="font-family:monospace;margin:0.3em 0"></p>'
            '<script type="application/json" class="nnb-frames">'
            f"{payload}</script>"
            f"<script>{_SCRIPT.replace('@UID@', self.uid)}</script>"
            "</div>"
        )

    def _slider(self, control_: Control) -> str:
        index = control_.index(self.initial[control_.name])
        slider_id = f"{self.uid}-{control_.name}"
        label = html.escape(control_.label)
        return (
            '<div style="display:flex;align-items:center;gap:0.6em;'
            'margin:0.2em 0">'
            f'<label for="{slider_id}" style="min-width:9em">{label}</label>'
            f'<input type="range" class="nnb-range" id="{slider_id}" '
            f'min="0" max="{len(control_.values) - 1}" step="1" '
            f'value="{index}" style="flex:1">'
            f'<output for="{slider_id}" style="min-width:4em;'
            'font-family:monospace"></output></div>'
        )


# Plain JavaScript, no libraries: redraw the SVG layer for the slider
# positions, and keep every slider's printed value and aria-valuetext current.
_SCRIPT = """(function(){
var root=document.getElementById('@UID@');if(!root)return;
var data=JSON.parse(root.querySelector('script.nnb-frames').textContent);
var inputs=root.querySelectorAll('input.nnb-range');
var outputs=root.querySelectorAll('output');
var layer=root.querySelector('g.nnb-layer');
var status=root.querySelector('.nnb-status');
var NS='http://www.w3.org/2000/svg';
function el(name,attrs){var e=document.createElementNS(NS,name);
for(var k in attrs){e.setAttribute(k,attrs[k]);}return e;}
function clipFor(i,st){if(!st.clip)return null;var id='@UID@-c'+i;
var cp=el('clipPath',{id:id});cp.appendChild(el('rect',{x:st.clip[0],
y:st.clip[1],width:st.clip[2],height:st.clip[3]}));layer.appendChild(cp);
return 'url(#'+id+')';}
function line(i,st,pts){var g=el('g',{opacity:st.al});
var clip=clipFor(i,st);if(clip)g.setAttribute('clip-path',clip);
if(st.o){var p=el('polyline',{points:pts,fill:'none',stroke:st.c,
'stroke-width':st.w,'stroke-linejoin':'round','stroke-linecap':'round'});
if(st.d)p.setAttribute('stroke-dasharray',st.d);g.appendChild(p);}
if(st.m){var xy=pts.split(' ');for(var j=0;j<xy.length;j++){
var c=xy[j].split(',');g.appendChild(el('circle',{cx:c[0],cy:c[1],
r:st.m,fill:st.mf,stroke:st.c,'stroke-width':1}));}}
layer.appendChild(g);}
function text(st,t){var e=el('text',{x:t[0],y:t[1],fill:st.c,
'font-size':st.fs,'text-anchor':st.a,'dominant-baseline':st.b,
'font-family':'DejaVu Sans, Verdana, sans-serif'});
if(st.fw)e.setAttribute('font-weight',st.fw);e.textContent=t[2];
layer.appendChild(e);}
function draw(){var key=[];for(var i=0;i<inputs.length;i++){
var v=inputs[i].value;key.push(v);var label=data.labels[i][+v];
outputs[i].textContent=label;inputs[i].setAttribute('aria-valuetext',label);}
var frame=data.frames[key.join(',')];
while(layer.firstChild)layer.removeChild(layer.firstChild);
var order=data.styles.map(function(s,i){return i;});
order.sort(function(a,b){return (data.styles[a].z||0)-(data.styles[b].z||0);});
for(var n=0;n<order.length;n++){var i=order[n],st=data.styles[i];
if(frame[i]===null)continue;if(st.k==='l')line(i,st,frame[i]);
else text(st,frame[i]);}
status.textContent=frame[frame.length-1];}
for(var i=0;i<inputs.length;i++){inputs[i].addEventListener('input',draw);}
draw();})();"""
