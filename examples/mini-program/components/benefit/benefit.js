Component({
  props: { items: [] },
});
