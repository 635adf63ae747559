# helper: module inside a plain sub-package
x = "sub2.mod.x"
