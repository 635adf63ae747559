# machine.Pin, in Python on the port's pin functions (_pin_init, _pin_write, _pin_read),
# which the `machine` module defines only on a board.


class Pin:
    IN = 1
    OUT = 3
    OPEN_DRAIN = 7
    PULL_UP = 1
    PULL_DOWN = 2

    def __init__(self, id, mode=-1, pull=-1, value=None):
        if not isinstance(id, int):
            raise TypeError("Pin id must be an int")
        self._id = id
        if mode != -1 or pull != -1 or value is not None:
            self.init(mode, pull, value)

    def init(self, mode=-1, pull=-1, value=None):
        if mode == -1:
            mode = Pin.IN
        if pull == -1:
            pull = None
        if value is not None and mode != Pin.IN:
            # set the level before the output driver is enabled: no glitch
            _pin_init(self._id, mode, pull, 1 if value else 0)
        else:
            _pin_init(self._id, mode, pull, -1)

    def value(self, v=None):
        if v is None:
            return _pin_read(self._id)
        _pin_write(self._id, 1 if v else 0)

    def __call__(self, v=None):
        return self.value(v)

    def on(self):
        _pin_write(self._id, 1)

    def off(self):
        _pin_write(self._id, 0)

    def high(self):
        _pin_write(self._id, 1)

    def low(self):
        _pin_write(self._id, 0)

    def toggle(self):
        _pin_write(self._id, 0 if _pin_read(self._id) else 1)

    def __repr__(self):
        return "Pin(%d)" % self._id
