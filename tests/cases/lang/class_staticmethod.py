# staticmethods are plain functions reachable through class and instance
class MathUtil:
    @staticmethod
    def add(a, b):
        return a + b
    @staticmethod
    def no_args():
        return "static"
    def use(self):
        return self.add(1, 2) + MathUtil.add(3, 4)
print('MathUtil.add(2, 3):', MathUtil.add(2, 3))
print('MathUtil().add(4, 5):', MathUtil().add(4, 5))
print('MathUtil.no_args():', MathUtil.no_args())
print(MathUtil().use())
class Sub(MathUtil):
    @staticmethod
    def add(a, b):
        return a * b
print('Sub.add(2, 3):', Sub.add(2, 3))
print('Sub().use():', Sub().use())
def helper(x):
    return x * 100
class Holder:
    h = staticmethod(helper)
print('Holder.h(2):', Holder.h(2))
print('Holder().h(3):', Holder().h(3))
