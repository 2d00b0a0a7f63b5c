module alimock.example/recipe

go 1.19
