"""The code behind the chapters of *The mathematics behind neural networks*.

Each module holds one idea, and every chapter calls the same functions, so the
text and the code cannot drift apart:

- ``calculus``: numerical derivatives; symbolic stationary points.
- ``search``: probing search, step by step.
- ``descent``: gradient descent in any dimension.
- ``activations`` and ``losses``: each function with its derivative.
- ``network``: the worked 3-2-2 network, forward, backward and training.
- ``plotting``: every figure in the book.
- ``sliders``: interactive figures that also work on the static website.
"""

__version__ = "0.1.0"
